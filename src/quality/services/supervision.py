"""Supervision sessions and the case directions given in them."""

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

from ..action_rows import ActionRow, create_actions
from ..models import CaseDirection, SupervisionSession


@transaction.atomic
def record_supervision(
    *,
    actor: User,
    worker: User,
    held_on: date,
    reflective: str = "",
    wellbeing: str = "",
    supervisor: User | None = None,
) -> SupervisionSession:
    """Record a worker's supervision session (the supervisor is the acting manager unless
    another is named). The cases discussed get their directions with `record_case_direction`."""
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
    return session


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
