"""Start, change and end of care; the care plans; approving a placement with parents."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person
from people.pages import form_view

from .. import forms, queries, services
from ..models import CareEpisode, PeriodOfCare
from .common import open_period_door, period_timeline_url, timeline_url, with_open_period


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Start of care")
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    if queries.open_period(person) is not None:
        messages.info(request, "This child is already looked after.")
        return redirect(timeline_url(person))
    form = forms.StartCareForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.start_care(
            actor=request.user,
            person=person,
            start_date=d["start_date"],
            legal_status=d["legal_status"],
            category_of_need=d["category_of_need"],
            placement=form.placement(),
        ),
        title="Child becomes looked after",
        person=person,
        success="Start of care recorded",
        next_url=timeline_url(person),
    )


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Change of legal status or placement")
@require_http_methods(["GET", "POST"])
@with_open_period
def change(request: AuthenticatedHttpRequest, person: Person, period: PeriodOfCare) -> HttpResponse:
    data = request.POST or None
    form = forms.ChangeForm(data)
    moved = bool(data and data.get("placement_changed"))
    new = forms.NewPlacementForm(data if moved else None, prefix="new")

    def record(d: dict[str, Any]) -> CareEpisode:
        if moved and not new.is_valid():
            raise ValidationError("Enter the new placement's details")
        return services.record_change(
            actor=request.user,
            period=period,
            on=d["on"],
            legal_status=d["legal_status"] or None,
            placement=new.placement() if moved else None,
            same_carer=d["same_carer"],
            reason_for_change=d["reason_for_change"],
        )

    return form_page(
        request,
        form,
        record,
        title="Record a change of legal status or placement",
        person=person,
        success=lambda episode: f"Change recorded: {episode.get_reason_new_episode_display()}",
        next_url=timeline_url(person),
        template="looked_after/change.jinja",
        context=lambda: {"new": new, "episode": queries.current_episode(period)},
        extra_forms=(new,),
    )


end = form_view(
    Permission.RECORD_CARE,
    open_period_door("End of care"),
    forms.EndCareForm,
    services.end_care,
    record="period",
    title="Child stops being looked after",
    success="End of care recorded",
    next_url=period_timeline_url,
)

record_plans = form_view(
    Permission.RECORD_CARE,
    open_period_door("Care plans"),
    forms.PlansForm,
    services.record_plans,
    record="period",
    title="Record care, placement and permanence plans",
    success="Plans recorded",
    next_url=period_timeline_url,
)


@with_person(Purpose.VIEW, page="Care plans")
@with_open_period
def read_plans(request: AuthenticatedHttpRequest, person: Person, period: PeriodOfCare) -> HttpResponse:
    """The current care plan, placement plan and permanence plan as recorded, with what the
    child's care and placement are now, and which plan is due (not recorded yet)."""
    today = timezone.localdate()
    summary = queries.summaries([person.pk], today).get(person.pk)
    episode = queries.current_episode(period)
    due = {i.rule_id: i for i in summary.items} if summary else {}
    return render(
        request,
        "looked_after/plans.jinja",
        {
            "person": person,
            "period": period,
            "episode": episode,
            "placement": episode.placement if episode else None,
            "due": due,
            "today": today,
        },
    )


def _plans(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    """The child's care, placement and permanence plans: recorded by those who record care,
    read as recorded by those who may only see it (an IRO preparing a review)."""
    if request.user.has_perm(Permission.RECORD_CARE.value):
        return record_plans(request, person_id=person_id)
    if request.method != "GET":
        raise PermissionDenied("Only those who record care may record its plans")
    return read_plans(request, person_id=person_id)


# Both pages load the child through the access door (`with_person`): the address says so.
_plans.record_model, _plans.record_kwarg, _plans.record_purpose = None, "person_id", Purpose.VIEW  # type: ignore[attr-defined]
plans = requires(Permission.VIEW_CARE)(_plans)


@requires(Permission.APPROVE_PARENT_PLACEMENT)
@with_person(Purpose.EDIT, page="Approve placement with parents")
@require_http_methods(["GET", "POST"])
def approve_parents(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = queries.open_period(person)
    if period is None:
        messages.info(request, "This child is not looked after.")
    episode = queries.current_episode(period) if period else None
    if episode is None or not episode.placement.with_parents:
        messages.info(request, "There is no placement with parents to approve.")
        return redirect(timeline_url(person))
    return form_page(
        request,
        forms.ApproveParentsForm(request.POST or None),
        lambda d: services.approve_placement_with_parents(
            actor=request.user,
            placement=episode.placement,
            approved_on=d["approved_on"],
            review_on=d["review_on"],
        ),
        title="Approve the placement with parents",
        person=person,
        success="Placement with parents approved",
        next_url=timeline_url(person),
    )
