"""Pre-proceedings under the Public Law Outline: started, its meetings, and its end by
stepping down (care proceedings issued end it too: `proceedings.issue_proceedings`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_before, not_in_future
from core.workflow import midday, transition
from people.models import Person

from ..machines import PreProceedingsMachine
from ..models import PLOMeeting, PreProceedings, PreProceedingsStatusChange


@transaction.atomic
def start_pre_proceedings(
    *, actor: User, person: Person, decision_date: date, letter_date: date | None = None
) -> PreProceedings:
    require(actor, Permission.RECORD_PERMANENCE)
    not_in_future(decision_date, field="decision_date", label="The decision date")
    not_in_future(letter_date, field="letter_date", label="The letter date")
    if letter_date:
        not_before(
            "letter_date", letter_date, decision_date, "The letter date must be on or after the decision"
        )
    if PreProceedings.objects.filter(person=person, status="OPEN").exists():
        raise ValidationError({"decision_date": "This child is already in pre-proceedings"})
    plo = PreProceedings.objects.create(
        person=person, decision_date=decision_date, letter_date=letter_date, created_by=actor
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        plo,
        "Started pre-proceedings",
        changes={"decision_date": decision_date, "letter_date": letter_date},
    )
    return plo


@transaction.atomic
def record_plo_meeting(
    *,
    actor: User,
    plo: PreProceedings,
    held_on: date,
    parents_legally_represented: bool = False,
    notes: str = "",
) -> PLOMeeting:
    require(actor, Permission.RECORD_PERMANENCE)
    not_in_future(held_on, field="held_on", label="The meeting date")
    not_before("held_on", held_on, plo.decision_date, "The meeting must be on or after the decision")
    meeting = PLOMeeting.objects.create(
        pre_proceedings=plo,
        held_on=held_on,
        parents_legally_represented=parents_legally_represented,
        notes=notes.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        plo.person,
        meeting,
        "Recorded a pre-proceedings meeting",
        changes={"held_on": held_on},
    )
    return meeting


def end_pre_proceedings(plo: PreProceedings, event: str, *, actor: User, on: date, reason: str = "") -> None:
    """Close pre-proceedings on `on` by `event` (step down, or proceedings issued): the
    status history, the audit and the outcome date. Part of the calling service."""
    transition(
        plo,
        event,
        machine_cls=PreProceedingsMachine,
        history_model=PreProceedingsStatusChange,
        history_fk="pre_proceedings",
        actor=actor,
        occurred_at=midday(on),
        reason=reason,
        person=plo.person,
    )
    plo.outcome_date = on
    plo.save(update_fields=["outcome_date"])


@transaction.atomic
def step_down_pre_proceedings(
    *, actor: User, plo: PreProceedings, outcome_date: date, reason: str = ""
) -> PreProceedings:
    require(actor, Permission.RECORD_PERMANENCE)
    not_in_future(outcome_date, field="outcome_date", label="The date")
    not_before("outcome_date", outcome_date, plo.decision_date, "The date must be on or after the decision")
    end_pre_proceedings(plo, "step_down", actor=actor, on=outcome_date, reason=reason)
    changed(plo.person)
    return plo
