"""Importing past early help episodes with their history, many at once: a legacy system's
records, or the demo's.

Each part of a row is held to the rules of the service that would have recorded it
(`early_help.rules`: starting, the assessment, the meeting, each action and its completion,
the review, the conference request and outcome, the ending), in that order, as if recorded
in turn; the episode's status history is written by the workflow's one history writer
(`core.workflow`). Only the writing differs: a few bulk inserts for the whole import.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from accounts.models import User
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed
from core.workflow import Step, history_rows, midday
from people.models import Person

from .. import rules
from ..machines import EPISODE
from ..models import (
    EarlyHelpAssessment,
    EarlyHelpEpisode,
    EndReason,
    EntryRoute,
    EpisodeStatus,
    EpisodeStatusChange,
    FamilyGroupConferenceRequest,
    Handover,
    MeetingAttendance,
    PlanAction,
    PlanReview,
    TeamAroundFamilyMeeting,
)
from .common import _require
from .episodes import _new_episode, _step_down_handover
from .plans import _attendance

BULK_BATCH = 2000


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


def _episode(row: HistoricEpisode, actor: User, parts: dict[type[Model], list[Any]]) -> EarlyHelpEpisode:
    """The episode of `row` and every row of its history, checked as the services check each
    part, added to `parts` by model."""
    w = row.worker
    step_down = row.step_down or ("", "")
    episode, started = _new_episode(
        actor=actor,
        person_id=row.person_id,
        start_date=row.start_date,
        reason=row.reason,
        worker=w,
        lead_professional_name=row.lead_professional[0],
        lead_professional_agency=row.lead_professional[1],
        entry_route=row.entry_route,
        recorded_by=w,
    )
    parts[EpisodeStatusChange].append(started)
    start = row.start_date
    if row.entry_route == EntryRoute.STEP_DOWN:
        parts[Handover].append(
            _step_down_handover(
                episode, handed_over_by=step_down[0], reason="", summary=step_down[1], recorded_by=w
            )
        )
    if row.assessment:
        started_on, completed_on, outcome = row.assessment
        rules.check_assessment(start=start, started_on=started_on, completed_on=completed_on, outcome=outcome)
        parts[EarlyHelpAssessment].append(
            EarlyHelpAssessment(
                episode=episode,
                started_on=started_on,
                completed_on=completed_on,
                outcome=outcome.strip(),
                recorded_by=w,
            )
        )
    if row.meeting:
        held_on, attendees = row.meeting
        rules.check_meeting(start=start, held_on=held_on, attendees=attendees)
        meeting = TeamAroundFamilyMeeting(episode=episode, held_on=held_on, recorded_by=w)
        parts[TeamAroundFamilyMeeting].append(meeting)
        parts[MeetingAttendance] += _attendance(meeting, attendees)
    for what, who, by_when, completed_on in row.actions:
        rules.check_action(status=episode.status, start=start, what=what, who=who, by_when=by_when)
        if completed_on is not None:
            rules.check_action_completed(start=start, completed_on=completed_on, already_completed=False)
        parts[PlanAction].append(
            PlanAction(
                episode=episode,
                what=what.strip(),
                who=who.strip(),
                by_when=by_when,
                completed_on=completed_on,
                recorded_by=w,
            )
        )
    if row.review:
        reviewed_on, progress = row.review
        rules.check_review(start=start, reviewed_on=reviewed_on, progress=progress)
        parts[PlanReview].append(
            PlanReview(episode=episode, reviewed_on=reviewed_on, progress=progress.strip(), recorded_by=w)
        )
    if row.fgc:
        requested_on, conference_on = row.fgc
        rules.check_fgc_request(status=episode.status, start=start, requested_on=requested_on, waiting=False)
        if conference_on is not None:
            rules.check_fgc_outcome(requested_on=requested_on, on=conference_on, waiting=True)
        parts[FamilyGroupConferenceRequest].append(
            FamilyGroupConferenceRequest(
                episode=episode, requested_on=requested_on, held_on=conference_on, recorded_by=w
            )
        )
    if row.end:
        end_date, end_reason = row.end
        rules.check_not_step_up(end_reason)
        rules.check_end(start=start, end_date=end_date, end_reason=end_reason)
        episode.end_date, episode.end_reason = end_date, end_reason
        parts[EpisodeStatusChange] += history_rows(
            episode,
            [Step("end", w, midday(end_date), EndReason(end_reason).label)],
            **EPISODE,
        )
    return episode


@transaction.atomic
def bulk_record_episodes(*, actor: User, rows: Sequence[HistoricEpisode]) -> list[EarlyHelpEpisode]:
    """Record many early help episodes with their history at once, each held to the rules of
    the single-record services (one open episode a child; the row's parts in the order they
    happened), with status history and audit. A row that breaks a rule stops the import,
    naming the row."""
    _require(actor)
    for worker in {row.worker.pk: row.worker for row in rows}.values():
        _require(worker)
    person_ids = {row.person_id for row in rows}
    record_types = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "record_type"))
    open_now = set(
        EarlyHelpEpisode.objects.filter(person_id__in=person_ids, status=EpisodeStatus.OPEN).values_list(
            "person_id", flat=True
        )
    )
    episodes: list[EarlyHelpEpisode] = []
    parts: dict[type[Model], list[Any]] = defaultdict(list)
    for index, row in enumerate(rows):
        try:
            rules.check_new_episode(
                record_type=record_types.get(row.person_id, ""),
                start_date=row.start_date,
                reason=row.reason,
                entry_route=row.entry_route,
                step_down_from=(row.step_down or ("", ""))[0],
                step_down_summary=(row.step_down or ("", ""))[1],
                has_open_episode=row.person_id in open_now,
            )
            episodes.append(_episode(row, actor, parts))
        except ValidationError as exc:
            raise ValidationError(f"Episode {index + 1}: " + "; ".join(exc.messages)) from exc
        if not row.end:
            open_now.add(row.person_id)
    EarlyHelpEpisode.objects.bulk_create(episodes, batch_size=BULK_BATCH)
    for model in (
        EpisodeStatusChange,
        Handover,
        EarlyHelpAssessment,
        TeamAroundFamilyMeeting,
        MeetingAttendance,
        PlanAction,
        PlanReview,
        FamilyGroupConferenceRequest,
    ):
        model._default_manager.bulk_create(parts[model], batch_size=BULK_BATCH)
    auditor.record_many(
        auditor.event(
            actor=actor,
            action=AuditAction.CREATE,
            person=episode.person_id,
            obj=episode,
            summary="Imported an early help episode",
        )
        for episode in episodes
    )
    changed(*person_ids)
    return episodes
