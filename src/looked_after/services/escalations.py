"""The IRO's dispute resolution: a concern raised informally, escalated through the formal
stages, and resolved with an outcome (machines.EscalationMachine)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_in_future, required
from core.workflow import transition

from ..machines import EscalationMachine
from ..models import IROEscalation, IROEscalationStatusChange, PeriodOfCare


@transaction.atomic
def raise_escalation(*, actor: User, period: PeriodOfCare, raised_on: date, issue: str) -> IROEscalation:
    """The IRO raises a concern informally (the first stage of dispute resolution)."""
    _require(actor, Permission.RECORD_LAC_REVIEW)
    required("issue", issue, "Describe the issue the IRO is raising")
    not_in_future(raised_on, field="raised_on", label="The date raised")
    escalation = IROEscalation.objects.create(
        person=period.person, period=period, raised_on=raised_on, raised_by=actor, issue=issue.strip()
    )
    IROEscalationStatusChange.objects.create(
        escalation=escalation,
        status=escalation.status,
        event="raise",
        occurred_at=timezone.now(),
        recorded_by=actor,
    )
    audit_and_tell(actor, AuditAction.CREATE, period.person, escalation, "IRO raised a concern")
    return escalation


@transaction.atomic
def progress_escalation(
    *, actor: User, escalation: IROEscalation, event: str, reason: str = "", outcome: str = ""
) -> IROEscalation:
    """Move an escalation to the next formal stage (`escalate`) or close it (`resolve`, with the outcome)."""
    _require(actor, Permission.RECORD_LAC_REVIEW)
    if event not in {"escalate", "resolve"}:
        raise ValidationError({"event": "Choose what happens next"})
    if event == "resolve":
        required("outcome", outcome, "Enter the outcome")
        escalation.outcome = outcome.strip()
        escalation.save(update_fields=["outcome"])
    transition(
        escalation,
        event,
        machine_cls=EscalationMachine,
        history_model=IROEscalationStatusChange,
        history_fk="escalation",
        actor=actor,
        reason=reason or outcome,
        person=escalation.person,
    )
    changed(escalation.person)
    return escalation
