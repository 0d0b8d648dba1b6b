"""Rights and voice pages: advocacy, independent visitors, complaints and the child's views."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person, with_record
from people.pages import form_view

from . import forms as f
from . import services
from .models import Complaint, IndependentVisitor

new_advocacy = form_view(
    Permission.RECORD_RIGHTS,
    with_person(Purpose.EDIT, page="Advocacy referral"),
    f.AdvocacyForm,
    services.refer_for_advocacy,
    title="Record an advocacy referral",
    success="Advocacy referral recorded",
)

new_visitor = form_view(
    Permission.RECORD_RIGHTS,
    with_person(Purpose.EDIT, page="Independent visitor"),
    f.VisitorForm,
    services.match_independent_visitor,
    title="Record an independent visitor match",
    success="Independent visitor recorded",
)

new_independent_visit = form_view(
    Permission.RECORD_RIGHTS,
    with_record(IndependentVisitor, Purpose.EDIT, page="Independent visit", kwarg="visitor_id"),
    f.IndependentVisitForm,
    services.record_independent_visit,
    record="visitor",
    title="Record an independent visit",
    success="Visit recorded",
)

new_complaint = form_view(
    Permission.RECORD_RIGHTS,
    with_person(Purpose.EDIT, page="Complaint"),
    f.ComplaintForm,
    services.receive_complaint,
    title="Record a complaint",
    success="Complaint recorded",
)


@requires(Permission.RECORD_RIGHTS)
@with_record(Complaint, Purpose.EDIT, page="Complaint")
@require_http_methods(["GET", "POST"])
def complaint_step(request: AuthenticatedHttpRequest, complaint: Complaint, event: str) -> HttpResponse:
    if event not in f.COMPLAINT_EVENTS:
        raise Http404("No such step")
    return form_page(
        request,
        f.ComplaintStepForm(request.POST or None, event=event),
        lambda d: services.update_complaint(actor=request.user, complaint=complaint, event=event, **d),
        title=f.COMPLAINT_EVENTS[event],
        person=complaint.person,
        success="Complaint updated",
    )


new_views = form_view(
    Permission.RECORD_RIGHTS,
    with_person(Purpose.EDIT, page="Child's views"),
    f.ChildViewsForm,
    services.record_child_views,
    title="Record the child's views",
    success="Views recorded",
    prefill=("meeting",),
)
