"""Early help pages: thin views over `early_help.services`, children loaded through the door."""

from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.db.models import Model
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


class Part(NamedTuple):
    """One of an episode's records a page is about: its model, its key in the address, and
    the name the service takes it by."""

    model: type[Model]
    kwarg: str
    argument: str


def _episode_page(
    page: str,
    form_class: type[forms.Form],
    service: Callable[..., Any],
    *,
    title: str,
    success: str,
    dated: str = "",
    part: Part | None = None,
) -> Callable[..., HttpResponse]:
    """The page of a form that records one thing about an episode (or about one of its
    records, `part`): `service` is called with it and the form's data; `dated` names a date
    field that starts at today."""
    load = (
        _episode(Purpose.EDIT, page)
        if part is None
        else with_record(
            part.model,
            Purpose.EDIT,
            page=page,
            kwarg=part.kwarg,
            rows=lambda: part.model._default_manager.select_related("episode"),
        )
    )

    @requires(Permission.MANAGE_EARLY_HELP)
    @load
    @require_http_methods(["GET", "POST"])
    def view(request: AuthenticatedHttpRequest, record: Any) -> HttpResponse:
        form = form_class(request.POST or None, initial={dated: timezone.localdate()} if dated else None)
        return _episode_form(
            request,
            record if part is None else record.episode,
            form,
            lambda d: service(actor=request.user, **{part.argument if part else "episode": record}, **d),
            title=title,
            success=success,
        )

    return view


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


# The pages with one form that records one thing, a line of the table each.
add_action = _episode_page(
    "Plan action",
    ActionForm,
    services.add_plan_action,
    title="Add an action to the plan",
    success="Action added",
)
review = _episode_page(
    "Early help review",
    ReviewForm,
    services.record_review,
    title="Review the plan",
    success="Review recorded",
    dated="reviewed_on",
)
request_fgc = _episode_page(
    "Family group conference request",
    FgcRequestForm,
    services.request_fgc,
    title="Request a family group conference",
    success="Added to the waiting list",
    dated="requested_on",
)
step_up = _episode_page(
    "Step-up to social care",
    StepUpForm,
    services.step_up,
    title="Step up to children's social care",
    success="Stepped up: a contact has been sent to the front door",
    dated="handover_date",
)
end = _episode_page(
    "End early help",
    EndEpisodeForm,
    services.end_episode,
    title="End the early help episode",
    success="Episode ended",
    dated="end_date",
)
complete_action = _episode_page(
    "Complete a plan action",
    CompleteForm,
    services.complete_action,
    title="Complete the action",
    success="Action completed",
    dated="completed_on",
    part=Part(PlanAction, "action_id", "action"),
)
fgc_outcome = _episode_page(
    "Family group conference",
    FgcOutcomeForm,
    services.record_fgc_outcome,
    title="Family group conference held or withdrawn",
    success="Waiting list updated",
    dated="on",
    part=Part(FamilyGroupConferenceRequest, "request_id", "request"),
)
