"""Early help pages: thin views over `early_help.services`, children loaded through the door."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_status, submitted
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from people.access import Purpose, get_person_for
from people.decorators import with_person
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


def load_episode(
    request: AuthenticatedHttpRequest, episode_id: int, purpose: Purpose, page: str
) -> EarlyHelpEpisode:
    episode = get_object_or_404(EarlyHelpEpisode, pk=episode_id)
    episode.person = get_person_for(request.user, episode.person_id, purpose=purpose, page=page)
    return episode


def _render_form(
    request: AuthenticatedHttpRequest, form: forms.Form, person: Person, title: str, back: str
) -> HttpResponse:
    return render(
        request,
        "early_help/form.jinja",
        {
            "form": form,
            "person": person,
            "title": title,
            "back": back,
            "page_has_errors": bool(form.errors),
            "nav_key": "early_help",
        },
        status=form_status(form),
    )


def _episode_form(
    request: AuthenticatedHttpRequest,
    episode: EarlyHelpEpisode,
    form: forms.Form,
    title: str,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    if submitted(request, form, action):
        messages.success(request, done)
        return redirect("early_help:episode", episode_id=episode.pk)
    return _render_form(request, form, episode.person, title, back=f"/early-help/episodes/{episode.pk}/")


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
            "nav_key": "early_help",
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
    if started := submitted(
        request, form, lambda data: services.start_episode(actor=request.user, person=person, **data)
    ):
        messages.success(request, "Early help episode started")
        return redirect("early_help:episode", episode_id=started.result.pk)
    return _render_form(request, form, person, "Start early help", back=f"/people/{person.pk}/")


@requires(Permission.VIEW_EARLY_HELP)
def episode(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = load_episode(request, episode_id, Purpose.VIEW, "Early help episode")
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
            "nav_key": "early_help",
        },
    )


def _edit(request: AuthenticatedHttpRequest, episode_id: int, page: str) -> EarlyHelpEpisode:
    return load_episode(request, episode_id, Purpose.EDIT, page)


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def lead_professional(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Lead professional")
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
        "Lead professional",
        lambda d: services.set_lead_professional(
            actor=request.user, episode=row, expected_version=d.pop("version"), **d
        ),
        "Lead professional saved",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def assessment(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Early help assessment")
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
        "Early help assessment",
        lambda d: services.record_assessment(
            actor=request.user,
            episode=row,
            assessment=open_assessment,
            expected_version=d.pop("version"),
            **d,
        ),
        "Assessment saved",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def meeting(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Team around the family meeting")
    form = MeetingForm(request.POST or None)
    return _episode_form(
        request,
        row,
        form,
        "Team around the family meeting",
        lambda d: services.record_meeting(
            actor=request.user, episode=row, held_on=d["held_on"], notes=d["notes"], attendees=d["attendees"]
        ),
        "Meeting recorded",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def add_action(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Plan action")
    form = ActionForm(request.POST or None)
    return _episode_form(
        request,
        row,
        form,
        "Add an action to the plan",
        lambda d: services.add_plan_action(actor=request.user, episode=row, **d),
        "Action added",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def complete_action(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(PlanAction, pk=action_id)
    row = _edit(request, action.episode_id, "Complete a plan action")
    form = CompleteForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "Complete the action",
        lambda d: services.complete_action(actor=request.user, action=action, **d),
        "Action completed",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Early help review")
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "Review the plan",
        lambda d: services.record_review(actor=request.user, episode=row, **d),
        "Review recorded",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def request_fgc(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Family group conference request")
    form = FgcRequestForm(request.POST or None, initial={"requested_on": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "Request a family group conference",
        lambda d: services.request_fgc(actor=request.user, episode=row, **d),
        "Added to the waiting list",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def fgc_outcome(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    fgc = get_object_or_404(FamilyGroupConferenceRequest, pk=request_id)
    row = _edit(request, fgc.episode_id, "Family group conference")
    form = FgcOutcomeForm(request.POST or None, initial={"on": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "Family group conference held or withdrawn",
        lambda d: services.record_fgc_outcome(actor=request.user, request=fgc, **d),
        "Waiting list updated",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def step_up(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "Step-up to social care")
    form = StepUpForm(request.POST or None, initial={"handover_date": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "Step up to children's social care",
        lambda d: services.step_up(actor=request.user, episode=row, **d),
        "Stepped up: a contact has been sent to the front door",
    )


@requires(Permission.MANAGE_EARLY_HELP)
@require_http_methods(["GET", "POST"])
def end(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    row = _edit(request, episode_id, "End early help")
    form = EndEpisodeForm(request.POST or None, initial={"end_date": timezone.localdate()})
    return _episode_form(
        request,
        row,
        form,
        "End the early help episode",
        lambda d: services.end_episode(actor=request.user, episode=row, **d),
        "Episode ended",
    )
