"""Early help pages: thin views over `early_help.services`, children loaded through the door."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from . import queries, services
from .forms import (
    ActionForm,
    AssessmentForm,
    CompleteForm,
    EndEpisodeForm,
    FgcOutcomeForm,
    FgcRequestForm,
    LeadProfessionalForm,
    MeetingForm,
    ReviewForm,
    StartEpisodeForm,
    StepUpForm,
)
from .models import EarlyHelpEpisode, EntryRoute, FamilyGroupConferenceRequest, PlanAction

NAV = {"nav_key": "early_help"}


def _episode_url(episode: EarlyHelpEpisode) -> str:
    return reverse("early_help:episode", args=[episode.pk])


def _episode_form(
    request: AuthenticatedHttpRequest,
    episode: EarlyHelpEpisode,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    success: str,
) -> HttpResponse:
    """A form about an episode: the child's header, back to the episode after saving."""
    return form_page(
        request,
        form,
        action,
        title=title,
        success=success,
        next_url=_episode_url(episode),
        person=episode.person,
        back=_episode_url(episode),
        context=NAV,
    )


@requires(Permission.MANAGE_EARLY_HELP)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "early_help/home.jinja",
        {
            "episodes": queries.open_episodes(request.user, today),
            "waiting": queries.fgc_waiting_list(request.user, today),
            "awaiting": queries.awaiting_early_help(request.user, today, limit=queries.AWAITING_LISTED),
            "awaiting_within_days": queries.AWAITING_WITHIN_DAYS,
            "awaiting_listed": queries.AWAITING_LISTED,
            "today": today,
            **NAV,
        },
    )


@requires(Permission.MANAGE_EARLY_HELP)
@with_person(Purpose.EDIT, page="Start early help")
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    route = request.GET.get("route", "")  # from the "waiting for early help" list
    form = StartEpisodeForm(
        request.POST or None,
        initial={
            "start_date": timezone.localdate(),
            "entry_route": route if route in EntryRoute.values else EntryRoute.DIRECT,
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.start_episode(actor=request.user, person=person, **data),
        title="Start early help",
        success="Early help episode started",
        next_url=_episode_url,
        person=person,
        context=NAV,
    )


def _episode(
    purpose: Purpose, page: str
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    return with_record(EarlyHelpEpisode, purpose, page=page, kwarg="episode_id")


@requires(Permission.VIEW_EARLY_HELP)
@_episode(Purpose.VIEW, "Early help episode")
def episode(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "early_help/episode.jinja",
        {
            "episode": row,
            "person": row.person,
            "assessments": list(row.assessments.all()),  # type: ignore[attr-defined]
            "meetings": list(row.meetings.prefetch_related("attendance")),  # type: ignore[attr-defined]
            "actions": list(row.actions.all()),  # type: ignore[attr-defined]
            "reviews": list(row.reviews.all()),  # type: ignore[attr-defined]
            "handovers": list(row.handovers.select_related("contact")),  # type: ignore[attr-defined]
            "fgc": queries.fgc_rows(row.fgc_requests.all(), today),  # type: ignore[attr-defined]
            "history": list(row.status_history.select_related("recorded_by")),  # type: ignore[attr-defined]
            "today": today,
            **NAV,
        },
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Lead professional")
@require_http_methods(["GET", "POST"])
def lead_professional(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    form = versioned(
        LeadProfessionalForm(
            request.POST or None,
            initial={"name": row.lead_professional_name, "agency": row.lead_professional_agency},
        ),
        row,
        fields={"name": "lead_professional_name", "agency": "lead_professional_agency"},
    )
    return _episode_form(
        request,
        row,
        form,
        lambda d: services.set_lead_professional(
            actor=request.user, episode=row, expected_version=d.pop("version"), **d
        ),
        title="Lead professional",
        success="Lead professional saved",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Early help assessment")
@require_http_methods(["GET", "POST"])
def assessment(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    current = row.assessments.order_by("-started_on").first()  # type: ignore[attr-defined]
    initial = (
        {"started_on": current.started_on, "completed_on": current.completed_on, "outcome": current.outcome}
        if current and not current.completed_on
        else {"started_on": timezone.localdate()}
    )
    open_assessment = current if current and not current.completed_on else None
    form = versioned(AssessmentForm(request.POST or None, initial=initial), open_assessment)
    return _episode_form(
        request,
        row,
        form,
        lambda d: services.record_assessment(
            actor=request.user,
            episode=row,
            assessment=open_assessment,
            expected_version=d.pop("version"),
            **d,
        ),
        title="Early help assessment",
        success="Assessment saved",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Team around the family meeting")
@require_http_methods(["GET", "POST"])
def meeting(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        MeetingForm(request.POST or None),
        lambda d: services.record_meeting(
            actor=request.user, episode=row, held_on=d["held_on"], notes=d["notes"], attendees=d["attendees"]
        ),
        title="Team around the family meeting",
        success="Meeting recorded",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Plan action")
@require_http_methods(["GET", "POST"])
def add_action(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        ActionForm(request.POST or None),
        lambda d: services.add_plan_action(actor=request.user, episode=row, **d),
        title="Add an action to the plan",
        success="Action added",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@with_record(
    PlanAction,
    Purpose.EDIT,
    page="Complete a plan action",
    kwarg="action_id",
    rows=lambda: PlanAction.objects.select_related("episode"),
)
@require_http_methods(["GET", "POST"])
def complete_action(request: AuthenticatedHttpRequest, action: PlanAction) -> HttpResponse:
    return _episode_form(
        request,
        action.episode,
        CompleteForm(request.POST or None, initial={"completed_on": timezone.localdate()}),
        lambda d: services.complete_action(actor=request.user, action=action, **d),
        title="Complete the action",
        success="Action completed",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Early help review")
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()}),
        lambda d: services.record_review(actor=request.user, episode=row, **d),
        title="Review the plan",
        success="Review recorded",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Family group conference request")
@require_http_methods(["GET", "POST"])
def request_fgc(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        FgcRequestForm(request.POST or None, initial={"requested_on": timezone.localdate()}),
        lambda d: services.request_fgc(actor=request.user, episode=row, **d),
        title="Request a family group conference",
        success="Added to the waiting list",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@with_record(
    FamilyGroupConferenceRequest,
    Purpose.EDIT,
    page="Family group conference",
    kwarg="request_id",
    rows=lambda: FamilyGroupConferenceRequest.objects.select_related("episode"),
)
@require_http_methods(["GET", "POST"])
def fgc_outcome(request: AuthenticatedHttpRequest, fgc: FamilyGroupConferenceRequest) -> HttpResponse:
    return _episode_form(
        request,
        fgc.episode,
        FgcOutcomeForm(request.POST or None, initial={"on": timezone.localdate()}),
        lambda d: services.record_fgc_outcome(actor=request.user, request=fgc, **d),
        title="Family group conference held or withdrawn",
        success="Waiting list updated",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "Step-up to social care")
@require_http_methods(["GET", "POST"])
def step_up(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        StepUpForm(request.POST or None, initial={"handover_date": timezone.localdate()}),
        lambda d: services.step_up(actor=request.user, episode=row, **d),
        title="Step up to children's social care",
        success="Stepped up: a contact has been sent to the front door",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@_episode(Purpose.EDIT, "End early help")
@require_http_methods(["GET", "POST"])
def end(request: AuthenticatedHttpRequest, row: EarlyHelpEpisode) -> HttpResponse:
    return _episode_form(
        request,
        row,
        EndEpisodeForm(request.POST or None, initial={"end_date": timezone.localdate()}),
        lambda d: services.end_episode(actor=request.user, episode=row, **d),
        title="End the early help episode",
        success="Episode ended",
    )
