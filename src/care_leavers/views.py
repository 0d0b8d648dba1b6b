from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import person_form_page as form_page

from . import services
from .forms import (
    BirthdayStatusForm,
    CareLeaverForm,
    CompleteActionForm,
    PathwayActionForm,
    PathwayPlanForm,
    PathwayReviewForm,
)
from .models import CareLeaver, PathwayAction, PathwayPlan
from .queries import summaries


@requires(Permission.RECORD_CARE_LEAVER)
@with_person(Purpose.EDIT, page="Care leaver details")
@require_http_methods(["GET", "POST"])
def edit_record(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    record = CareLeaver.objects.filter(person=person).first()
    initial = {f: getattr(record, f) for f in services._RECORD_FIELDS} if record else {}
    form = versioned(CareLeaverForm(request.POST or None, initial=initial), record)
    return form_page(
        request,
        person,
        form,
        "Care leaver details",
        lambda d: services.record_care_leaver(
            actor=request.user, person=person, expected_version=d.pop("version"), data=d
        ),
        "Care leaver details saved",
    )


@requires(Permission.RECORD_CARE_LEAVER)
@with_person(Purpose.EDIT, page="Start a pathway plan")
@require_http_methods(["GET", "POST"])
def new_plan(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = PathwayPlanForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Start a pathway plan",
        lambda d: services.start_pathway_plan(actor=request.user, person=person, **d),
        "Pathway plan started",
    )


def _load_plan(request: AuthenticatedHttpRequest, plan_id: int, page: str) -> tuple[PathwayPlan, Person]:
    plan = PathwayPlan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such pathway plan")
    person = get_person_for(request.user, plan.person_id, purpose=Purpose.EDIT, page=page)
    return plan, person


@requires(Permission.RECORD_CARE_LEAVER)
@require_http_methods(["GET", "POST"])
def review_plan(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan, person = _load_plan(request, plan_id, "Review a pathway plan")
    form = PathwayReviewForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Review the pathway plan",
        lambda d: services.review_pathway_plan(actor=request.user, plan=plan, **d),
        "Pathway plan review recorded",
    )


@requires(Permission.RECORD_CARE_LEAVER)
@require_http_methods(["GET", "POST"])
def add_action(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan, person = _load_plan(request, plan_id, "Add a pathway plan action")
    form = PathwayActionForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Add a pathway plan action",
        lambda d: services.add_pathway_action(actor=request.user, plan=plan, **d),
        "Action added",
    )


@requires(Permission.RECORD_CARE_LEAVER)
@require_http_methods(["GET", "POST"])
def complete_action(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = PathwayAction.objects.select_related("plan").filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    person = get_person_for(
        request.user, action.plan.person_id, purpose=Purpose.EDIT, page="Complete an action"
    )
    form = CompleteActionForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        f"Complete: {action.what}",
        lambda d: services.complete_pathway_action(actor=request.user, action=action, **d),
        "Action completed",
    )


@requires(Permission.RECORD_CARE_LEAVER)
@with_person(Purpose.EDIT, page="Birthday status")
@require_http_methods(["GET", "POST"])
def birthday_status(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = BirthdayStatusForm(request.POST or None, initial={"age": request.GET.get("age", "")})
    return form_page(
        request,
        person,
        form,
        "Record the status around a birthday",
        lambda d: services.record_birthday_status(actor=request.user, person=person, **d),
        "Birthday status recorded",
    )


@requires(Permission.VIEW_LEAVING_CARE)
def team_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The leaving care team's view: every care leaver the user may open, with what is due."""
    today = timezone.localdate()
    records = [
        r
        for r in CareLeaver.objects.select_related("person").order_by(
            "person__family_name", "person__given_name"
        )
        if decide(request.user, r.person, Purpose.VIEW).allowed
    ]
    return render(request, "care_leavers/team.jinja", {"rows": summaries(records, today), "today": today})
