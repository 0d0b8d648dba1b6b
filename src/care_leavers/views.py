"""Care leaver pages: the care leaver record, pathway plans and their actions, birthday (OC3)
statuses, and the leaving care team's view."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from people.access import Purpose, decide
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view

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
    initial = {f: getattr(record, f) for f in services.RECORD_FIELDS} if record else {}
    return form_page(
        request,
        versioned(CareLeaverForm(request.POST or None, initial=initial), record),
        lambda d: services.record_care_leaver(
            actor=request.user, person=person, expected_version=d.pop("version"), data=d
        ),
        title="Care leaver details",
        person=person,
        success="Care leaver details saved",
    )


new_plan = form_view(
    Permission.RECORD_CARE_LEAVER,
    with_person(Purpose.EDIT, page="Start a pathway plan"),
    PathwayPlanForm,
    services.start_pathway_plan,
    title="Start a pathway plan",
    success="Pathway plan started",
)

review_plan = form_view(
    Permission.RECORD_CARE_LEAVER,
    with_record(PathwayPlan, Purpose.EDIT, page="Review a pathway plan", kwarg="plan_id"),
    PathwayReviewForm,
    services.review_pathway_plan,
    record="plan",
    title="Review the pathway plan",
    success="Pathway plan review recorded",
)

add_action = form_view(
    Permission.RECORD_CARE_LEAVER,
    with_record(PathwayPlan, Purpose.EDIT, page="Add a pathway plan action", kwarg="plan_id"),
    PathwayActionForm,
    services.add_pathway_action,
    record="plan",
    title="Add a pathway plan action",
    success="Action added",
)


complete_action = form_view(
    Permission.RECORD_CARE_LEAVER,
    with_record(
        PathwayAction,
        Purpose.EDIT,
        page="Complete an action",
        kwarg="action_id",
        rows=lambda: PathwayAction.objects.select_related("plan__person"),
    ),
    CompleteActionForm,
    services.complete_pathway_action,
    record="action",
    title=lambda action: f"Complete: {action.what}",
    success="Action completed",
)

birthday_status = form_view(
    Permission.RECORD_CARE_LEAVER,
    with_person(Purpose.EDIT, page="Birthday status"),
    BirthdayStatusForm,
    services.record_birthday_status,
    title="Record the status around a birthday",
    success="Birthday status recorded",
    prefill=("age",),
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
