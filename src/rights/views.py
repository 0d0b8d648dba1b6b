"""Rights and voice pages: advocacy, independent visitors, complaints and the child's views."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from . import forms as f
from . import services
from .models import Complaint, IndependentVisitor


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Advocacy referral")
@require_http_methods(["GET", "POST"])
def new_advocacy(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        f.AdvocacyForm(request.POST or None),
        lambda d: services.refer_for_advocacy(actor=request.user, person=person, **d),
        title="Record an advocacy referral",
        person=person,
        success="Advocacy referral recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Independent visitor")
@require_http_methods(["GET", "POST"])
def new_visitor(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        f.VisitorForm(request.POST or None),
        lambda d: services.match_independent_visitor(actor=request.user, person=person, **d),
        title="Record an independent visitor match",
        person=person,
        success="Independent visitor recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@with_record(IndependentVisitor, Purpose.EDIT, page="Independent visit", kwarg="visitor_id")
@require_http_methods(["GET", "POST"])
def new_independent_visit(request: AuthenticatedHttpRequest, visitor: IndependentVisitor) -> HttpResponse:
    return form_page(
        request,
        f.IndependentVisitForm(request.POST or None),
        lambda d: services.record_independent_visit(actor=request.user, visitor=visitor, **d),
        title="Record an independent visit",
        person=visitor.person,
        success="Visit recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Complaint")
@require_http_methods(["GET", "POST"])
def new_complaint(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        f.ComplaintForm(request.POST or None),
        lambda d: services.receive_complaint(actor=request.user, person=person, **d),
        title="Record a complaint",
        person=person,
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


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Child's views")
@require_http_methods(["GET", "POST"])
def new_views(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        f.ChildViewsForm(request.POST or None, initial={"meeting": request.GET.get("meeting", "")}),
        lambda d: services.record_child_views(actor=request.user, person=person, **d),
        title="Record the child's views",
        person=person,
        success="Views recorded",
    )
