"""Children in care pages. Thin: forms in, one service call, redirect; lists read `queries`."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission, Role
from casework.models import Visit, VisitKind
from core.forms import form_status, submitted
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from core.workflow import allowed_events
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person
from workforce.models import Allocation, AllocationRole

from . import forms, queries, services
from .clocks import Stay, long_term_stable, placements_in_year, screening_trend
from .machines import EscalationMachine
from .models import (
    EducationPlan,
    ExploitationScreening,
    HealthAssessment,
    IROEscalation,
    LACReview,
    MissingEpisode,
    PeriodOfCare,
    ReviewAction,
)
from .queries import EDUCATION, HEALTH, summaries


def _form_page(
    request: AuthenticatedHttpRequest,
    person: Person,
    form: Any,
    title: str,
    save: Callable[[dict[str, Any]], str],
    *,
    extra_forms: tuple[Any, ...] = (),
    template: str = "people/simple_form.jinja",
    context: Callable[[], dict[str, Any]] | None = None,
) -> HttpResponse:
    """Validate, call the service through `save` (returns the success message), redirect to the
    timeline; otherwise render `template` with what `context()` adds (read only when rendered)."""
    if saved := submitted(request, form, save):
        messages.success(request, saved.result)
        return redirect("looked_after:timeline", person_id=person.pk)
    has_errors = bool(form.errors) or any(f.errors for f in extra_forms)
    status = form_status(form)
    return render(
        request,
        template,
        {
            "form": form,
            "person": person,
            "title": title,
            "page_has_errors": has_errors,
            **(context() if context else {}),
        },
        status=status if status != 200 else (400 if has_errors else 200),
    )


def _open_period_or_redirect(request: AuthenticatedHttpRequest, person: Person) -> PeriodOfCare | None:
    period = queries.open_period(person)
    if period is None:
        messages.info(request, "This child is not looked after.")
    return period


# --- The timeline --------------------------------------------------------------------------------


@requires(Permission.VIEW_CARE)
@with_person(Purpose.VIEW, page="Children in care timeline")
def timeline(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    today = timezone.localdate()
    periods = list(PeriodOfCare.objects.filter(person=person).order_by("-start_date"))
    summary = summaries([person.pk], today).get(person.pk)
    visits = list(Visit.objects.filter(person=person, kind=VisitKind.CLA).select_related("worker"))
    missing = list(MissingEpisode.objects.filter(person=person))
    screenings = list(ExploitationScreening.objects.filter(person=person))
    trend = list(zip(screenings, screening_trend([s.score for s in screenings]), strict=True))
    blocks = []
    for period in periods:
        placements = list(period.placements.all())
        stays = [Stay(p.start_date, p.end_date, p.placement_type) for p in placements]
        as_at = period.end_date or today
        blocks.append(
            {
                "period": period,
                "episodes": list(period.episodes.select_related("legal_status", "placement")),
                "statuses": list(period.legal_statuses.all()),
                "placements": placements,
                "reviews": list(period.reviews.select_related("iro").prefetch_related("actions")),
                "escalations": list(period.escalations.all()),
                "visits": [
                    v
                    for v in visits
                    if v.visited_on >= period.start_date
                    and (period.end_date is None or v.visited_on <= period.end_date)
                ],
                "missing": [m for m in missing if m.period_id == period.pk],
                "placements_in_year": placements_in_year(stays, as_at),
                "long_term_stable": long_term_stable(
                    date_of_birth=person.date_of_birth,
                    looked_after_since=period.start_date,
                    stays=stays,
                    as_at=as_at,
                )
                if person.date_of_birth
                else None,
            }
        )
    return render(
        request,
        "looked_after/timeline.jinja",
        {
            "person": person,
            "blocks": blocks,
            "summary": summary,
            "today": today,
            "now": timezone.now(),
            "health": list(HealthAssessment.objects.filter(person=person)),
            "peps": list(EducationPlan.objects.filter(person=person).order_by("-meeting_on", "-id")),
            "missing_unlinked": [m for m in missing if m.period_id is None],
            "screenings": trend,
            "escalation_events": {
                e.pk: allowed_events(EscalationMachine, e) for p in periods for e in p.escalations.all()
            },
        },
    )


# --- Start, change and end of care ------------------------------------------------------------------


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Start of care")
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    if queries.open_period(person) is not None:
        messages.info(request, "This child is already looked after.")
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.StartCareForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.start_care(
            actor=request.user,
            person=person,
            start_date=d["start_date"],
            legal_status=d["legal_status"],
            category_of_need=d["category_of_need"],
            placement=form.placement(),
        )
        return "Start of care recorded"

    return _form_page(request, person, form, "Child becomes looked after", save)


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Change of legal status or placement")
@require_http_methods(["GET", "POST"])
def change(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    data = request.POST or None
    form = forms.ChangeForm(data)
    moved = bool(data and data.get("placement_changed"))
    new = forms.NewPlacementForm(data if moved else None, prefix="new")

    def save(d: dict[str, Any]) -> str:
        if moved and not new.is_valid():
            raise ValidationError("Enter the new placement's details")
        episode = services.record_change(
            actor=request.user,
            period=period,
            on=d["on"],
            legal_status=d["legal_status"] or None,
            placement=new.placement() if moved else None,
            same_carer=d["same_carer"],
            reason_for_change=d["reason_for_change"],
        )
        return f"Change recorded: {episode.get_reason_new_episode_display()}"

    return _form_page(
        request,
        person,
        form,
        "Record a change of legal status or placement",
        save,
        extra_forms=(new,),
        template="looked_after/change.jinja",
        context=lambda: {"new": new, "episode": queries.current_episode(period)},
    )


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="End of care")
@require_http_methods(["GET", "POST"])
def end(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.EndCareForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.end_care(actor=request.user, period=period, on=d["on"], reason_ceased=d["reason_ceased"])
        return "End of care recorded"

    return _form_page(request, person, form, "Child stops being looked after", save)


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Care plans")
@require_http_methods(["GET", "POST"])
def plans(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.PlansForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.record_plans(actor=request.user, period=period, **d)
        return "Plans recorded"

    return _form_page(request, person, form, "Record care, placement and permanence plans", save)


@requires(Permission.APPROVE_PARENT_PLACEMENT)
@with_person(Purpose.EDIT, page="Approve placement with parents")
@require_http_methods(["GET", "POST"])
def approve_parents(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    episode = queries.current_episode(period) if period else None
    if episode is None or not episode.placement.with_parents:
        messages.info(request, "There is no placement with parents to approve.")
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.ApproveParentsForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.approve_placement_with_parents(
            actor=request.user,
            placement=episode.placement,
            approved_on=d["approved_on"],
            review_on=d["review_on"],
        )
        return "Placement with parents approved"

    return _form_page(request, person, form, "Approve the placement with parents", save)


# --- IRO and reviews ----------------------------------------------------------------------------------


@requires(Permission.ALLOCATE_CHILD)
@with_person(Purpose.ALLOCATE, page="Allocate IRO")
@require_http_methods(["GET", "POST"])
def allocate_iro(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    iros = User.objects.filter(role=Role.IRO.value, is_active=True).order_by("last_name", "first_name")
    form = forms.AllocateIROForm(
        request.POST or None, iros=iros, initial={"start_date": timezone.localdate()}
    )

    def save(d: dict[str, Any]) -> str:
        services.allocate_iro(actor=request.user, person=person, iro=d["iro"], start_date=d["start_date"])
        return f"{d['iro'].display_name} allocated as IRO"

    return _form_page(request, person, form, "Allocate an independent reviewing officer", save)


@requires(Permission.RECORD_LAC_REVIEW)
@with_person(Purpose.EDIT, page="Record looked-after review")
@require_http_methods(["GET", "POST"])
def record_review(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.ReviewForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        actions = [
            services.ActionDetails(d[f"action_{i}_who"], d[f"action_{i}_what"], d[f"action_{i}_due"])
            for i in (1, 2)
            if d.get(f"action_{i}_what")
        ]
        review = services.record_review(
            actor=request.user,
            period=period,
            held_on=d["held_on"],
            participation=d["participation"],
            iro_met_child=bool(d["iro_met_child"]),
            child_views=d["child_views"],
            decisions=d["decisions"],
            actions=actions,
        )
        return f"Review {review.sequence} recorded"

    return _form_page(request, person, form, "Record a looked-after review", save)


def _load_action(request: AuthenticatedHttpRequest, action_id: int, purpose: Purpose) -> ReviewAction:
    action = ReviewAction.objects.filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    get_person_for(request.user, action.person_id, purpose=purpose, page="Review action")
    return action


@requires(Permission.RECORD_CARE)
@require_POST
def complete_action(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = _load_action(request, action_id, Purpose.EDIT)
    try:
        services.complete_review_action(actor=request.user, action=action, completed_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Action marked complete")
    return redirect("looked_after:timeline", person_id=action.person_id)


@requires(Permission.RECORD_LAC_REVIEW)
@with_person(Purpose.EDIT, page="Raise IRO escalation")
@require_http_methods(["GET", "POST"])
def raise_escalation(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.EscalationForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.raise_escalation(
            actor=request.user, period=period, raised_on=d["raised_on"], issue=d["issue"]
        )
        return "Concern raised"

    return _form_page(request, person, form, "Raise a concern (IRO dispute resolution)", save)


@requires(Permission.RECORD_LAC_REVIEW)
@require_http_methods(["GET", "POST"])
def progress_escalation(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    escalation = IROEscalation.objects.filter(pk=escalation_id).first()
    if escalation is None:
        raise Http404("No such escalation")
    person = get_person_for(request.user, escalation.person_id, purpose=Purpose.EDIT, page="IRO escalation")
    form = forms.ProgressEscalationForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.progress_escalation(
            actor=request.user, escalation=escalation, event=d["event"], outcome=d["outcome"]
        )
        return f"Escalation now: {escalation.get_status_display()}"

    return _form_page(request, person, form, f"IRO escalation: {escalation.get_status_display()}", save)


# --- Health, education ------------------------------------------------------------------------------


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Record health check")
@require_http_methods(["GET", "POST"])
def record_health(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = forms.HealthForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.record_health_check(actor=request.user, person=person, **d)
        return "Health check recorded"

    return _form_page(request, person, form, "Record a health assessment or dental check", save)


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Record PEP")
@require_http_methods(["GET", "POST"])
def record_pep(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    period = _open_period_or_redirect(request, person)
    if period is None:
        return redirect("looked_after:timeline", person_id=person.pk)
    form = forms.EducationForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.record_education_plan(actor=request.user, period=period, **d)
        return "Personal education plan recorded"

    return _form_page(request, person, form, "Record a personal education plan", save)


# --- Missing and exploitation ---------------------------------------------------------------------


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Record missing episode")
@require_http_methods(["GET", "POST"])
def record_missing(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = forms.MissingForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.record_missing_episode(
            actor=request.user,
            person=person,
            kind=d["kind"],
            started_at=d["started_at"],
            ended_at=d["ended_at"],
            police_informed=d["police_informed"],
            notes=d["notes"],
        )
        return "Missing episode recorded"

    return _form_page(request, person, form, "Record a missing or absent episode", save)


@requires(Permission.RECORD_CARE)
@require_http_methods(["GET", "POST"])
def update_missing(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    episode = MissingEpisode.objects.filter(pk=episode_id).first()
    if episode is None:
        raise Http404("No such episode")
    person = get_person_for(request.user, episode.person_id, purpose=Purpose.EDIT, page="Missing episode")
    form = versioned(forms.ReturnForm(request.POST or None), episode)

    def save(d: dict[str, Any]) -> str:
        services.record_return(
            actor=request.user,
            episode=episode,
            expected_version=d["version"],
            ended_at=d["ended_at"],
            rhi_offered=d["rhi_offered"],
            rhi_accepted=d["rhi_accepted"],
            rhi_held_at=d["rhi_held_at"],
            rhi_by=d["rhi_by"],
            review_held_on=d["review_held_on"],
        )
        return "Missing episode updated"

    return _form_page(request, person, form, "Return and return home interview", save)


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Record exploitation screening")
@require_http_methods(["GET", "POST"])
def record_screening(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = forms.ScreeningForm(request.POST or None)

    def save(d: dict[str, Any]) -> str:
        services.record_screening(actor=request.user, person=person, **d)
        return "Screening recorded"

    return _form_page(request, person, form, "Record an exploitation risk screening", save)


# --- Lists across children ---------------------------------------------------------------------------


def _visible(user: User, people: list[Person]) -> list[Person]:
    return [p for p in people if decide(user, p, Purpose.VIEW).allowed]


def _children_in_care(user: User, today: date, *, mine_only: bool = False) -> list[Any]:
    open_ids = PeriodOfCare.objects.filter(end_date__isnull=True).values_list("person_id", flat=True)
    allocations = Allocation.objects.current(today).filter(person_id__in=open_ids)
    if mine_only:
        allocations = allocations.filter(worker=user)
    elif not user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        allocations = (
            allocations.filter(team_id=user.team_id) if user.team_id else allocations.filter(worker=user)
        )
    ids = set(allocations.values_list("person_id", flat=True))
    found = summaries(ids, today)
    allowed = {p.pk for p in _visible(user, [s.person for s in found.values()])}
    return sorted((s for pid, s in found.items() if pid in allowed), key=lambda s: s.person.family_name)


@requires(Permission.VIEW_CARE)
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = _children_in_care(request.user, today)
    return render(
        request,
        "looked_after/team.jinja",
        {"rows": rows, "today": today, "now": timezone.now(), "nav_key": "children_in_care"},
    )


@requires(Permission.VIEW_IRO_CASELOAD)
def iro(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    loads = (
        Allocation.objects.current(today)
        .filter(role=AllocationRole.IRO, person__periods_of_care__end_date__isnull=True)
        .values("worker_id", "worker__first_name", "worker__last_name")
        .annotate(children=Count("person", distinct=True))
        .order_by("worker__last_name")
    )
    mine = request.user.role == Role.IRO.value
    ids = set(
        Allocation.objects.current(today)
        .filter(role=AllocationRole.IRO, **({"worker": request.user} if mine else {}))
        .values_list("person_id", flat=True)
    )
    found = summaries(ids, today)
    allowed = {p.pk for p in _visible(request.user, [s.person for s in found.values()])}
    rows = sorted(
        (s for pid, s in found.items() if pid in allowed),
        key=lambda s: s.next_review.due if s.next_review else today,
    )
    recent = LACReview.objects.filter(person_id__in=allowed).select_related("iro").order_by("-held_on")[:20]
    return render(
        request,
        "looked_after/iro.jinja",
        {
            "loads": loads,
            "rows": rows,
            "mine": mine,
            "today": today,
            "recent": recent,
            "nav_key": "children_in_care",
        },
    )


def _area_page(request: AuthenticatedHttpRequest, area: str, title: str) -> HttpResponse:
    today = timezone.localdate()
    open_ids = set(PeriodOfCare.objects.filter(end_date__isnull=True).values_list("person_id", flat=True))
    found = summaries(open_ids, today)
    allowed = {p.pk for p in _visible(request.user, [s.person for s in found.values()])}
    items = sorted(
        ((s, i) for pid, s in found.items() if pid in allowed for i in s.items if i.area == area),
        key=lambda pair: pair[1].due,
    )
    return render(
        request,
        "looked_after/area.jinja",
        {"items": items, "title": title, "area": area, "today": today, "nav_key": "children_in_care"},
    )


@requires(Permission.VIEW_VIRTUAL_SCHOOL)
def virtual_school(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area_page(request, EDUCATION, "Virtual school: personal education plans due")


@requires(Permission.VIEW_LAC_HEALTH)
def health(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area_page(request, HEALTH, "Looked-after children's health: assessments due")
