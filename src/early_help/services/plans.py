"""The early help assessment, team-around-the-family meetings, the plan's SMART actions and
its reviews."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from core.extensions import changed
from core.versioning import StaleEdit, claim_edit

from .. import rules
from ..models import (
    EarlyHelpAssessment,
    EarlyHelpEpisode,
    MeetingAttendance,
    PlanAction,
    PlanReview,
    TeamAroundFamilyMeeting,
)
from .common import _audit, _require


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
    rules.check_assessment(
        start=episode.start_date, started_on=started_on, completed_on=completed_on, outcome=outcome
    )
    if assessment is None:
        assessment = EarlyHelpAssessment(episode=episode, recorded_by=actor)
    assessment.started_on, assessment.completed_on, assessment.outcome = (
        started_on,
        completed_on,
        outcome.strip(),
    )
    assessment.save()
    _audit(actor, episode, assessment, "Early help assessment recorded", completed_on=completed_on)
    changed(episode.person_id)
    return assessment


def _attendance(
    meeting: TeamAroundFamilyMeeting, attendees: Sequence[tuple[str, str, bool]]
) -> list[MeetingAttendance]:
    return [
        MeetingAttendance(meeting=meeting, name=name.strip(), agency=agency.strip(), attended=attended)
        for name, agency, attended in attendees
    ]


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
    rules.check_meeting(start=episode.start_date, held_on=held_on, attendees=attendees)
    meeting = TeamAroundFamilyMeeting.objects.create(
        episode=episode, held_on=held_on, notes=notes.strip(), recorded_by=actor
    )
    MeetingAttendance.objects.bulk_create(_attendance(meeting, attendees))
    _audit(actor, episode, meeting, "Team around the family meeting recorded", held_on=held_on)
    changed(episode.person_id)
    return meeting


@transaction.atomic
def add_plan_action(
    *, actor: User, episode: EarlyHelpEpisode, what: str, who: str, by_when: date
) -> PlanAction:
    """A SMART action: who will do what by when."""
    _require(actor)
    rules.check_action(status=episode.status, start=episode.start_date, what=what, who=who, by_when=by_when)
    action = PlanAction.objects.create(
        episode=episode, what=what.strip(), who=who.strip(), by_when=by_when, recorded_by=actor
    )
    _audit(actor, episode, action, "Plan action added", by_when=by_when)
    changed(episode.person_id)
    return action


@transaction.atomic
def complete_action(*, actor: User, action: PlanAction, completed_on: date) -> PlanAction:
    """Record when an action of the plan was done."""
    _require(actor)
    rules.check_action_completed(
        start=action.episode.start_date,
        completed_on=completed_on,
        already_completed=bool(action.completed_on),
    )
    action.completed_on = completed_on
    action.save(update_fields=["completed_on"])
    _audit(actor, action.episode, action, "Plan action completed", completed_on=completed_on)
    changed(action.episode.person_id)
    return action


@transaction.atomic
def record_review(*, actor: User, episode: EarlyHelpEpisode, reviewed_on: date, progress: str) -> PlanReview:
    """A review of the plan: the progress made against it."""
    _require(actor)
    rules.check_review(start=episode.start_date, reviewed_on=reviewed_on, progress=progress)
    review = PlanReview.objects.create(
        episode=episode, reviewed_on=reviewed_on, progress=progress.strip(), recorded_by=actor
    )
    _audit(actor, episode, review, "Early help plan reviewed", reviewed_on=reviewed_on)
    changed(episode.person_id)
    return review
