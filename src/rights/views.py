from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest
from people.access import Purpose, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import person_form_page as form_page

from . import forms as f
from . import services
from .models import Complaint, IndependentVisitor


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Advocacy referral")
@require_http_methods(["GET", "POST"])
def new_advocacy(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.AdvocacyForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record an advocacy referral",
        lambda d: services.refer_for_advocacy(actor=request.user, person=person, **d),
        "Advocacy referral recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Independent visitor")
@require_http_methods(["GET", "POST"])
def new_visitor(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.VisitorForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record an independent visitor match",
        lambda d: services.match_independent_visitor(actor=request.user, person=person, **d),
        "Independent visitor recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@require_http_methods(["GET", "POST"])
def new_independent_visit(request: AuthenticatedHttpRequest, visitor_id: int) -> HttpResponse:
    visitor = IndependentVisitor.objects.filter(pk=visitor_id).first()
    if visitor is None:
        raise Http404("No such independent visitor")
    person = get_person_for(request.user, visitor.person_id, purpose=Purpose.EDIT, page="Independent visit")
    form = f.IndependentVisitForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record an independent visit",
        lambda d: services.record_independent_visit(actor=request.user, visitor=visitor, **d),
        "Visit recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Complaint")
@require_http_methods(["GET", "POST"])
def new_complaint(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.ComplaintForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record a complaint",
        lambda d: services.receive_complaint(actor=request.user, person=person, **d),
        "Complaint recorded",
    )


@requires(Permission.RECORD_RIGHTS)
@require_http_methods(["GET", "POST"])
def complaint_step(request: AuthenticatedHttpRequest, complaint_id: int, event: str) -> HttpResponse:
    if event not in f.COMPLAINT_EVENTS:
        raise Http404("No such step")
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404("No such complaint")
    person = get_person_for(request.user, complaint.person_id, purpose=Purpose.EDIT, page="Complaint")
    form = f.ComplaintStepForm(request.POST or None, event=event)
    return form_page(
        request,
        person,
        form,
        f.COMPLAINT_EVENTS[event],
        lambda d: services.update_complaint(actor=request.user, complaint=complaint, event=event, **d),
        "Complaint updated",
    )


@requires(Permission.RECORD_RIGHTS)
@with_person(Purpose.EDIT, page="Child's views")
@require_http_methods(["GET", "POST"])
def new_views(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.ChildViewsForm(request.POST or None, initial={"meeting": request.GET.get("meeting", "")})
    return form_page(
        request,
        person,
        form,
        "Record the child's views",
        lambda d: services.record_child_views(actor=request.user, person=person, **d),
        "Views recorded",
    )
