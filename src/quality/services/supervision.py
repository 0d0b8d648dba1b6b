"""Supervision sessions and the case directions given in them."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future, required
from people.models import Person

from .. import queries, rules
from ..action_rows import ActionRow, create_actions
from ..models import ActionStatus, CaseDirection, DirectionOutcome, DirectionReview, SupervisionSession
from .actions import withdraw


@dataclass(frozen=True)
class ReviewRow:
    """What a supervision found of one of the worker's open case directions."""

    direction: CaseDirection
    outcome: str
    note: str = ""
    next_review_on: date | None = None


@transaction.atomic
def record_supervision(
    *,
    actor: User,
    worker: User,
    held_on: date,
    reflective: str = "",
    wellbeing: str = "",
    supervisor: User | None = None,
    reviews: list[ReviewRow] | None = None,
) -> SupervisionSession:
    """Record a worker's supervision session (the supervisor is the acting manager unless
    another is named). Every open case direction given the worker before it is reviewed in it
    (`reviews`: done, carried over to a new date, or no longer needed). The cases discussed
    get their new directions with `record_case_direction`."""
    require(actor, Permission.RECORD_SUPERVISION)
    supervisor = supervisor or actor
    if supervisor.pk == worker.pk:
        raise ValidationError({"worker": "A worker cannot supervise themselves"})
    not_in_future(held_on, field="held_on", label="The date of the supervision")
    session = SupervisionSession.objects.create(
        worker=worker,
        supervisor=supervisor,
        held_on=held_on,
        reflective=reflective.strip(),
        wellbeing=wellbeing.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        summary="Recorded a supervision session",
        changes={"worker": worker.pk, "held_on": held_on},
    )
    _review_directions(actor, session, reviews or [])
    return session


def _review_directions(actor: User, session: SupervisionSession, reviews: list[ReviewRow]) -> None:
    """Each of the worker's open directions given by the supervision's date reviewed once:
    closed (done, no longer needed) or carried over to its new review date, the history kept
    as `DirectionReview` rows. A direction no longer needed withdraws its open actions (the
    review's note their reason). A row for any other direction is not this session's to review."""
    due = {d.pk: d for d in queries.directions_to_review(session.worker, session.held_on)}
    given = {row.direction.pk: row for row in reviews}
    errors: dict[str, str] = {}
    for pk, direction in due.items():
        key = rules.review_key(direction.pk)
        row = given.get(pk)
        if row is None:
            errors[f"{key}_outcome"] = "Select what became of the direction"
            continue
        errors.update(
            rules.direction_review_errors(key, row.outcome, row.note, row.next_review_on, session.held_on)
        )
    if errors:
        raise ValidationError(errors)
    for pk, direction in due.items():
        row = given[pk]
        DirectionReview.objects.create(
            direction=direction,
            session=session,
            outcome=row.outcome,
            note=row.note.strip(),
            previous_review_on=direction.review_on,
            next_review_on=row.next_review_on,
        )
        if row.outcome == DirectionOutcome.CARRIED:
            direction.review_on = row.next_review_on  # type: ignore[assignment]
            direction.save(update_fields=["review_on"])
        if row.outcome == DirectionOutcome.NOT_NEEDED:
            _withdraw_actions(actor, direction, session.held_on, row.note)
        audit_and_tell(
            actor,
            AuditAction.UPDATE,
            direction.person,
            direction,
            f"Reviewed a case direction in supervision: {DirectionOutcome(row.outcome).label.lower()}",
            changes={"outcome": row.outcome, "next_review_on": row.next_review_on, "session": session.pk},
        )


def _withdraw_actions(actor: User, direction: CaseDirection, on: date, note: str) -> None:
    """The open actions of a direction found no longer needed leave their owners' work."""
    reason = "The case direction is no longer needed" + (f": {note.strip()}" if note.strip() else "")
    for action in direction.actions.filter(status=ActionStatus.OPEN).select_related("person"):
        withdraw(actor=actor, action=action, on=max(on, action.set_on), reason=reason)


@transaction.atomic
def record_case_direction(
    *,
    actor: User,
    session: SupervisionSession,
    person: Person,
    analysis: str,
    objectives: str,
    review_on: date,
    contingency: str = "",
    actions: list[ActionRow] | None = None,
) -> CaseDirection:
    """A direction on a child's case discussed in supervision, with its actions; it goes on
    the child's record and its actions into their owners' work until done."""
    require(actor, Permission.RECORD_SUPERVISION)
    required("analysis", analysis, "Enter the analysis of the child's situation")
    required("objectives", objectives, "Enter the planning objectives")
    if review_on <= session.held_on:
        raise ValidationError({"review_on": "The review date must be after the supervision"})
    direction = CaseDirection.objects.create(
        person=person,
        session=session,
        given_on=session.held_on,
        given_by=session.supervisor,
        worker=session.worker,
        analysis=analysis.strip(),
        objectives=objectives.strip(),
        contingency=contingency.strip(),
        review_on=review_on,
    )
    create_actions(person, actions or [], session.held_on, direction=direction)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        direction,
        "Recorded a case direction in supervision",
        changes={"given_on": direction.given_on, "review_on": review_on, "actions": len(actions or [])},
    )
    return direction
