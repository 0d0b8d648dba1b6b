"""Early help services. Each takes the acting user, checks permission, validates, is
atomic and audited; the episode's status changes only through `core.workflow.transition`."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from audit import services as auditor
from audit.models import AuditAction
from core.versioning import StaleEdit, claim_edit
from core.workflow import transition
from frontdoor import services as frontdoor_services
from people.models import Person, RecordType

from .machines import EpisodeMachine
from .models import (
    EarlyHelpAssessment,
    EarlyHelpEpisode,
    EndReason,
    EntryRoute,
    EpisodeStatus,
    EpisodeStatusChange,
    FamilyGroupConferenceRequest,
    Handover,
    HandoverDirection,
    MeetingAttendance,
    PlanAction,
    PlanReview,
    TeamAroundFamilyMeeting,
)


def _require(actor: User) -> None:
    if not actor.has_perm(Permission.MANAGE_EARLY_HELP.value):
        raise PermissionDenied(Permission.MANAGE_EARLY_HELP.value)


def _midday(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _check_date(
    field: str, day: date | None, episode: EarlyHelpEpisode | None = None, label: str = "The date"
) -> None:
    if day is None:
        raise ValidationError({field: f"Enter {label.lower()}"})
    if day > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})
    if episode is not None and day < episode.start_date:
        raise ValidationError({field: f"{label} must be on or after the episode started"})


def _require_open(episode: EarlyHelpEpisode) -> None:
    if episode.status != EpisodeStatus.OPEN:
        raise ValidationError("The early help episode has ended")


def _audit(actor: User, episode: EarlyHelpEpisode, obj: Model, summary: str, **changes: object) -> None:
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=episode.person,
        obj=obj,
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def start_episode(
    *,
    actor: User,
    person: Person,
    start_date: date,
    reason: str,
    lead_professional_name: str = "",
    lead_professional_agency: str = "",
    worker: User | None = None,
    entry_route: str = EntryRoute.DIRECT,
    step_down_from: str = "",
    step_down_reason: str = "",
    step_down_summary: str = "",
) -> EarlyHelpEpisode:
    """Start an early help episode; a step-down from social care records the handover."""
    _require(actor)
    _check_date("start_date", start_date, label="The start date")
    errors: dict[str, str] = {}
    if person.record_type != RecordType.CHILD:
        errors["reason"] = "Early help episodes are for children"
    if not reason.strip():
        errors["reason"] = "Enter the reason for early help"
    if EarlyHelpEpisode.objects.filter(person=person, status=EpisodeStatus.OPEN).exists():
        errors["start_date"] = "The child already has an open early help episode"
    if entry_route not in EntryRoute.values:
        errors["entry_route"] = "Select how the child came to early help"
    if entry_route == EntryRoute.STEP_DOWN and not (step_down_from.strip() and step_down_summary.strip()):
        errors["step_down_summary"] = "Enter who handed over and a summary of the handover"
    if errors:
        raise ValidationError(errors)
    episode = EarlyHelpEpisode.objects.create(
        person=person,
        start_date=start_date,
        reason=reason.strip(),
        entry_route=entry_route,
        worker=worker or actor,
        lead_professional_name=lead_professional_name.strip() or (worker or actor).display_name,
        lead_professional_agency=lead_professional_agency.strip() or "Early help",
        created_by=actor,
    )
    EpisodeStatusChange.objects.create(
        episode=episode,
        status=episode.status,
        event="start",
        occurred_at=_midday(start_date),
        recorded_by=actor,
    )
    _audit(
        actor, episode, episode, "Early help episode started", start_date=start_date, entry_route=entry_route
    )
    if entry_route == EntryRoute.STEP_DOWN:
        handover = Handover.objects.create(
            episode=episode,
            direction=HandoverDirection.STEP_DOWN,
            handover_date=start_date,
            from_service=step_down_from.strip(),
            to_service="Early help",
            reason=step_down_reason.strip() or "Needs can be met by early help",
            summary=step_down_summary.strip(),
            recorded_by=actor,
        )
        _audit(actor, episode, handover, "Step-down from children's social care")
    return episode


@transaction.atomic
def set_lead_professional(
    *, actor: User, episode: EarlyHelpEpisode, name: str, agency: str, expected_version: int | None = None
) -> EarlyHelpEpisode:
    """The lead professional may be from any agency, not necessarily a Harbour user.
    `expected_version`: the episode's version when the form was opened (core.versioning)."""
    _require(actor)
    _require_open(episode)
    if not name.strip() or not agency.strip():
        raise ValidationError({"name": "Enter the lead professional's name and agency"})
    claim_edit(episode, expected_version)
    before = [episode.lead_professional_name, episode.lead_professional_agency]
    episode.lead_professional_name, episode.lead_professional_agency = name.strip(), agency.strip()
    episode.save(update_fields=["lead_professional_name", "lead_professional_agency", "version"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=episode.person,
        obj=episode,
        summary="Lead professional changed",
        changes={"lead_professional": [" / ".join(before), f"{name} / {agency}"]},
    )
    return episode


@transaction.atomic
def record_assessment(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    started_on: date,
    completed_on: date | None = None,
    outcome: str = "",
    assessment: EarlyHelpAssessment | None = None,
    expected_version: int | None = None,
) -> EarlyHelpAssessment:
    """Start the early help assessment, or complete it (completion date and outcome).
    `expected_version`: the open assessment's version when the form was opened, 0 if none was
    open then (an assessment started meanwhile is a stale edit, not a second one)."""
    _require(actor)
    if assessment is not None:
        claim_edit(assessment, expected_version)
    elif expected_version:  # the form was opened on an assessment that is no longer open
        raise ValidationError(
            {
                "__all__": "Someone else completed this assessment while you were editing it. It can no longer be changed."
            }
        )
    elif expected_version is not None:
        started = episode.assessments.select_for_update().filter(completed_on__isnull=True).first()  # type: ignore[attr-defined]
        if started is not None:
            raise StaleEdit(started)
    _check_date("started_on", started_on, episode, "The start date")
    if completed_on is not None:
        _check_date("completed_on", completed_on, episode, "The completion date")
        if completed_on < started_on:
            raise ValidationError({"completed_on": "Completion must be on or after the start"})
        if not outcome.strip():
            raise ValidationError({"outcome": "Enter the outcome of the assessment"})
    if assessment is None:
        assessment = EarlyHelpAssessment(episode=episode, recorded_by=actor)
    assessment.started_on, assessment.completed_on, assessment.outcome = (
        started_on,
        completed_on,
        outcome.strip(),
    )
    assessment.save()
    _audit(actor, episode, assessment, "Early help assessment recorded", completed_on=completed_on)
    return assessment


@transaction.atomic
def record_meeting(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    held_on: date,
    notes: str,
    attendees: Sequence[tuple[str, str, bool]],
) -> TeamAroundFamilyMeeting:
    """A team-around-the-family meeting with who was invited and whether they attended."""
    _require(actor)
    _check_date("held_on", held_on, episode, "The meeting date")
    if not attendees:
        raise ValidationError({"attended": "Enter at least one person invited to the meeting"})
    meeting = TeamAroundFamilyMeeting.objects.create(
        episode=episode, held_on=held_on, notes=notes.strip(), recorded_by=actor
    )
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=meeting, name=name.strip(), agency=agency.strip(), attended=attended)
        for name, agency, attended in attendees
    )
    _audit(actor, episode, meeting, "Team around the family meeting recorded", held_on=held_on)
    return meeting


@transaction.atomic
def add_plan_action(
    *, actor: User, episode: EarlyHelpEpisode, what: str, who: str, by_when: date
) -> PlanAction:
    """A SMART action: who will do what by when."""
    _require(actor)
    _require_open(episode)
    errors = {}
    if not what.strip():
        errors["what"] = "Enter what will be done"
    if not who.strip():
        errors["who"] = "Enter who will do it"
    if by_when < episode.start_date:
        errors["by_when"] = "The date must be after the episode started"
    if errors:
        raise ValidationError(errors)
    action = PlanAction.objects.create(
        episode=episode, what=what.strip(), who=who.strip(), by_when=by_when, recorded_by=actor
    )
    _audit(actor, episode, action, "Plan action added", by_when=by_when)
    return action


@transaction.atomic
def complete_action(*, actor: User, action: PlanAction, completed_on: date) -> PlanAction:
    _require(actor)
    _check_date("completed_on", completed_on, action.episode, "The completion date")
    if action.completed_on:
        raise ValidationError({"completed_on": "The action is already complete"})
    action.completed_on = completed_on
    action.save(update_fields=["completed_on"])
    _audit(actor, action.episode, action, "Plan action completed", completed_on=completed_on)
    return action


@transaction.atomic
def record_review(*, actor: User, episode: EarlyHelpEpisode, reviewed_on: date, progress: str) -> PlanReview:
    _require(actor)
    _check_date("reviewed_on", reviewed_on, episode, "The review date")
    if not progress.strip():
        raise ValidationError({"progress": "Enter the progress against the plan"})
    review = PlanReview.objects.create(
        episode=episode, reviewed_on=reviewed_on, progress=progress.strip(), recorded_by=actor
    )
    _audit(actor, episode, review, "Early help plan reviewed", reviewed_on=reviewed_on)
    return review


@transaction.atomic
def request_fgc(
    *, actor: User, episode: EarlyHelpEpisode, requested_on: date, notes: str = ""
) -> FamilyGroupConferenceRequest:
    """Put the family on the family group conference waiting list."""
    _require(actor)
    _require_open(episode)
    _check_date("requested_on", requested_on, episode, "The request date")
    if episode.fgc_requests.filter(held_on__isnull=True, withdrawn_on__isnull=True).exists():  # type: ignore[attr-defined]
        raise ValidationError({"requested_on": "The family is already waiting for a conference"})
    row = FamilyGroupConferenceRequest.objects.create(
        episode=episode, requested_on=requested_on, notes=notes.strip(), recorded_by=actor
    )
    _audit(actor, episode, row, "Family group conference requested", requested_on=requested_on)
    return row


@transaction.atomic
def record_fgc_outcome(
    *, actor: User, request: FamilyGroupConferenceRequest, on: date, held: bool
) -> FamilyGroupConferenceRequest:
    """The conference was held (or the request withdrawn): it leaves the waiting list."""
    _require(actor)
    _check_date("on", on, label="The date")
    if not request.is_waiting:
        raise ValidationError({"on": "This request is no longer waiting"})
    if on < request.requested_on:
        raise ValidationError({"on": "The date must be on or after the request"})
    if held:
        request.held_on = on
    else:
        request.withdrawn_on = on
    request.save(update_fields=["held_on", "withdrawn_on"])
    _audit(actor, request.episode, request, "Family group conference " + ("held" if held else "withdrawn"))
    return request


def _end(actor: User, episode: EarlyHelpEpisode, end_date: date, end_reason: str, note: str) -> None:
    _check_date("end_date", end_date, episode, "The end date")
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": "Select why the episode ended"})
    episode.end_date, episode.end_reason = end_date, end_reason
    episode.save(update_fields=["end_date", "end_reason"])
    transition(
        episode,
        "end",
        machine_cls=EpisodeMachine,
        history_model=EpisodeStatusChange,
        history_fk="episode",
        actor=actor,
        occurred_at=_midday(end_date),
        reason=note or EndReason(end_reason).label,
        person=episode.person,
        summary=f"Early help episode ended: {EndReason(end_reason).label}",
    )


@transaction.atomic
def end_episode(
    *, actor: User, episode: EarlyHelpEpisode, end_date: date, end_reason: str, note: str = ""
) -> EarlyHelpEpisode:
    """End the episode (outcomes met, NFA, declined, moved …). Step-up has its own service."""
    _require(actor)
    if end_reason == EndReason.STEP_UP:
        raise ValidationError({"end_reason": "Use step-up to hand the child over to social care"})
    _end(actor, episode, end_date, end_reason, note)
    return episode


@transaction.atomic
def step_up(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    handover_date: date,
    reason: str,
    summary: str,
    received_at: datetime | None = None,
) -> Handover:
    """Step the child up to social care: a contact at the front door, the handover recorded,
    and the episode ended with the reason "stepped up"."""
    _require(actor)
    _require_open(episode)
    if not reason.strip() or not summary.strip():
        raise ValidationError({"summary": "Enter the reason and a summary for the front door"})
    _check_date("handover_date", handover_date, episode, "The handover date")
    contact = frontdoor_services.record_step_up_contact(
        actor=actor,
        person=episode.person,
        received_at=received_at or min(timezone.now(), _midday(handover_date)),
        concern=f"Step-up from early help: {reason.strip()}\n\n{summary.strip()}",
    )
    handover = Handover.objects.create(
        episode=episode,
        direction=HandoverDirection.STEP_UP,
        handover_date=handover_date,
        from_service="Early help",
        to_service="Front door (children's social care)",
        reason=reason.strip(),
        summary=summary.strip(),
        contact=contact,
        recorded_by=actor,
    )
    _audit(actor, episode, handover, "Step-up to children's social care")
    _end(actor, episode, handover_date, EndReason.STEP_UP, reason.strip())
    return handover


# --- Bulk history (demo data and migration of legacy records) ---------------------------


@dataclass(frozen=True)
class HistoricEpisode:
    """An early help episode with its history, for `bulk_record_episodes`."""

    person_id: int
    worker: User
    start_date: date
    reason: str
    lead_professional: tuple[str, str]
    entry_route: str = EntryRoute.DIRECT
    step_down: tuple[str, str] | None = None  # (handed over by, summary)
    assessment: tuple[date, date | None, str] | None = None  # (started, completed, outcome)
    meeting: tuple[date, Sequence[tuple[str, str, bool]]] | None = None
    actions: Sequence[tuple[str, str, date, date | None]] = ()  # (what, who, by when, completed)
    review: tuple[date, str] | None = None
    fgc: tuple[date, date | None] | None = None  # (requested, held)
    end: tuple[date, str] | None = None  # (end date, reason other than step-up)


def _historic_problems(row: HistoricEpisode, today: date) -> list[str]:
    dates = [row.start_date]
    dates += [d for d in (row.assessment or (None, None, ""))[:2] if d]
    dates += [row.meeting[0]] if row.meeting else []
    dates += [a[3] for a in row.actions if a[3]]
    dates += [row.review[0]] if row.review else []
    dates += [d for d in (row.fgc or ()) if d]
    dates += [row.end[0]] if row.end else []
    problems = []
    if any(d > today or d < row.start_date for d in dates):
        problems.append("dates must be between the start and today")
    if row.end and (row.end[1] not in EndReason.values or row.end[1] == EndReason.STEP_UP):
        problems.append("end reason (step-ups go through step_up)")
    if row.entry_route == EntryRoute.STEP_DOWN and not row.step_down:
        problems.append("a step-down needs its handover")
    if not row.reason.strip():
        problems.append("reason")
    return problems


def _historic_parts(
    row: HistoricEpisode,
    episode: EarlyHelpEpisode,
    parts: dict[type[Model], list[Any]],
    attendance: list[tuple[TeamAroundFamilyMeeting, Sequence[tuple[str, str, bool]]]],
) -> None:
    """The rows an episode's history consists of, collected by model for bulk inserts."""
    w = row.worker
    parts[EpisodeStatusChange].append(
        EpisodeStatusChange(
            episode=episode, status="OPEN", event="start", occurred_at=_midday(row.start_date), recorded_by=w
        )
    )
    if row.end:
        parts[EpisodeStatusChange].append(
            EpisodeStatusChange(
                episode=episode,
                status="CLOSED",
                event="end",
                occurred_at=_midday(row.end[0]),
                recorded_by=w,
                reason=EndReason(row.end[1]).label,
            )
        )
    if row.step_down:
        parts[Handover].append(
            Handover(
                episode=episode,
                direction=HandoverDirection.STEP_DOWN,
                handover_date=row.start_date,
                from_service=row.step_down[0],
                to_service="Early help",
                reason="Needs can be met by early help",
                summary=row.step_down[1],
                recorded_by=w,
            )
        )
    if row.assessment:
        started, completed, outcome = row.assessment
        parts[EarlyHelpAssessment].append(
            EarlyHelpAssessment(
                episode=episode, started_on=started, completed_on=completed, outcome=outcome, recorded_by=w
            )
        )
    if row.meeting:
        meeting = TeamAroundFamilyMeeting(episode=episode, held_on=row.meeting[0], recorded_by=w)
        parts[TeamAroundFamilyMeeting].append(meeting)
        attendance.append((meeting, row.meeting[1]))
    parts[PlanAction] += [
        PlanAction(episode=episode, what=a[0], who=a[1], by_when=a[2], completed_on=a[3], recorded_by=w)
        for a in row.actions
    ]
    if row.review:
        parts[PlanReview].append(
            PlanReview(episode=episode, reviewed_on=row.review[0], progress=row.review[1], recorded_by=w)
        )
    if row.fgc:
        parts[FamilyGroupConferenceRequest].append(
            FamilyGroupConferenceRequest(
                episode=episode, requested_on=row.fgc[0], held_on=row.fgc[1], recorded_by=w
            )
        )


@transaction.atomic
def bulk_record_episodes(*, actor: User, rows: Sequence[HistoricEpisode]) -> list[EarlyHelpEpisode]:
    """Record many early help episodes with their history at once (same rules as the
    single services: dates, one open episode per child, history rows and audit)."""
    _require(actor)
    today = timezone.localdate()
    open_now = set(
        EarlyHelpEpisode.objects.filter(
            person_id__in=[r.person_id for r in rows], status=EpisodeStatus.OPEN
        ).values_list("person_id", flat=True)
    )
    for index, row in enumerate(rows):
        _require(row.worker)
        problems = _historic_problems(row, today)
        if row.person_id in open_now:
            problems.append("the child already has an open episode")
        if problems:
            raise ValidationError(f"Episode {index + 1}: " + "; ".join(problems))
        if not row.end:
            open_now.add(row.person_id)
    episodes = [
        EarlyHelpEpisode(
            person_id=row.person_id,
            start_date=row.start_date,
            reason=row.reason.strip(),
            entry_route=row.entry_route,
            worker=row.worker,
            lead_professional_name=row.lead_professional[0],
            lead_professional_agency=row.lead_professional[1],
            end_date=row.end[0] if row.end else None,
            end_reason=row.end[1] if row.end else "",
            status=EpisodeStatus.CLOSED if row.end else EpisodeStatus.OPEN,
            created_by=actor,
        )
        for row in rows
    ]
    EarlyHelpEpisode.objects.bulk_create(episodes, batch_size=2000)
    parts: dict[type[Model], list[Any]] = defaultdict(list)
    attendance: list[tuple[TeamAroundFamilyMeeting, Sequence[tuple[str, str, bool]]]] = []
    events = []
    for row, episode in zip(rows, episodes, strict=True):
        _historic_parts(row, episode, parts, attendance)
        events.append(
            auditor.event(
                actor=actor,
                action=AuditAction.CREATE,
                person=row.person_id,
                obj=episode,
                summary="Imported an early help episode",
            )
        )
    for model, objs in parts.items():
        model._default_manager.bulk_create(objs, batch_size=2000)
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(meeting=m, name=name, agency=agency, attended=attended)
            for m, people in attendance
            for name, agency, attended in people
        ],
        batch_size=2000,
    )
    auditor.record_many(events)
    return episodes
