"""The IRO, looked-after reviews and their actions, and the IRO's escalations."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission, Role
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view

from .. import forms, services
from ..models import IROEscalation, LACReview, PeriodOfCare, ReviewAction
from .common import open_period_door, period_timeline_url, timeline_url, with_open_period


@requires(Permission.ALLOCATE_CHILD)
@with_person(Purpose.ALLOCATE, page="Allocate IRO")
@require_http_methods(["GET", "POST"])
def allocate_iro(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    iros = User.objects.filter(role=Role.IRO.value, is_active=True).order_by("last_name", "first_name")
    return form_page(
        request,
        forms.AllocateIROForm(request.POST or None, iros=iros, initial={"start_date": timezone.localdate()}),
        lambda d: services.allocate_iro(
            actor=request.user, person=person, iro=d["iro"], start_date=d["start_date"]
        ),
        title="Allocate an independent reviewing officer",
        person=person,
        success=lambda allocation: f"{allocation.worker.display_name} allocated as IRO",
        next_url=timeline_url(person),
    )


@requires(Permission.RECORD_LAC_REVIEW)
@with_person(Purpose.EDIT, page="Record looked-after review")
@require_http_methods(["GET", "POST"])
@with_open_period
def record_review(request: AuthenticatedHttpRequest, person: Person, period: PeriodOfCare) -> HttpResponse:
    def record(d: dict[str, Any]) -> LACReview:
        return services.record_review(
            actor=request.user,
            period=period,
            held_on=d["held_on"],
            participation=d["participation"],
            iro_met_child=bool(d["iro_met_child"]),
            child_views=d["child_views"],
            decisions=d["decisions"],
            actions=[
                services.ActionDetails(d[f"action_{i}_who"], d[f"action_{i}_what"], d[f"action_{i}_due"])
                for i in (1, 2)
                if d.get(f"action_{i}_what")
            ],
        )

    return form_page(
        request,
        forms.ReviewForm(request.POST or None),
        record,
        title="Record a looked-after review",
        person=person,
        success=lambda review: f"Review {review.sequence} recorded",
        next_url=timeline_url(person),
    )


@requires(Permission.RECORD_CARE)
@with_record(ReviewAction, Purpose.EDIT, page="Review action", kwarg="action_id")
@require_POST
def complete_action(request: AuthenticatedHttpRequest, action: ReviewAction) -> HttpResponse:
    try:
        services.complete_review_action(actor=request.user, action=action, completed_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Action marked complete")
    return redirect(timeline_url(action.person))


raise_escalation = form_view(
    Permission.RECORD_LAC_REVIEW,
    open_period_door("Raise IRO escalation"),
    forms.EscalationForm,
    services.raise_escalation,
    record="period",
    title="Raise a concern (IRO dispute resolution)",
    success="Concern raised",
    next_url=period_timeline_url,
)


@requires(Permission.RECORD_LAC_REVIEW)
@with_record(IROEscalation, Purpose.EDIT, page="IRO escalation", kwarg="escalation_id")
@require_http_methods(["GET", "POST"])
def progress_escalation(request: AuthenticatedHttpRequest, escalation: IROEscalation) -> HttpResponse:
    return form_page(
        request,
        forms.ProgressEscalationForm(request.POST or None),
        lambda d: services.progress_escalation(
            actor=request.user, escalation=escalation, event=d["event"], outcome=d["outcome"]
        ),
        title=f"IRO escalation: {escalation.get_status_display()}",
        person=escalation.person,
        success=lambda moved: f"Escalation now: {moved.get_status_display()}",
        next_url=timeline_url(escalation.person),
    )
