"""Disagreements: a partner agency disputes a threshold decision, escalated stage by stage."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed
from core.validation import required
from core.workflow import Step, midday, opening_row, transition

from ..machines import DISAGREEMENT
from ..models import (
    ESCALATION_STAGES,
    Contact,
    ContactStatus,
    Disagreement,
    DisagreementOutcome,
)


def _children_changed(disagreement: Disagreement) -> None:
    changed(*disagreement.child_links.values_list("person_id", flat=True))


@transaction.atomic
def raise_disagreement(
    *, actor: User, contact: Contact, raised_on: date, raised_by_name: str, agency: str, grounds: str
) -> Disagreement:
    """Record a partner's disagreement with the threshold decision (stage 1)."""
    require(actor, Permission.RECORD_CONTACT)
    errors: dict[str, str] = {}
    if contact.status != ContactStatus.DECIDED:
        errors["grounds"] = "A disagreement can only be recorded once the decision is made"
    if raised_on > timezone.localdate():
        errors["raised_on"] = "The date must be today or in the past"
    if not raised_by_name.strip():
        errors["raised_by_name"] = "Enter who disagrees"
    if not agency.strip():
        errors["agency"] = "Enter their agency"
    if not grounds.strip():
        errors["grounds"] = "Enter why they disagree"
    if errors:
        raise ValidationError(errors)
    row = Disagreement(
        contact=contact,
        raised_on=raised_on,
        raised_by_name=raised_by_name.strip(),
        agency=agency.strip(),
        grounds=grounds.strip(),
        created_by=actor,
    )
    raised = opening_row(row, Step("raise", actor, midday(raised_on), grounds.strip()), **DISAGREEMENT)
    row.save()
    raised.save()
    auditor.record(actor=actor, action=AuditAction.CREATE, obj=row, summary="Partner disagreement raised")
    _children_changed(row)
    return row


def _move(
    disagreement: Disagreement, event: str, *, actor: User, on: date | None, reason: str, summary: str
) -> None:
    transition(
        disagreement,
        event,
        **DISAGREEMENT,
        actor=actor,
        occurred_at=midday(on) if on else None,
        reason=reason,
        summary=summary,
    )
    _children_changed(disagreement)


@transaction.atomic
def escalate_disagreement(
    *, actor: User, disagreement: Disagreement, reason: str, escalated_on: date | None = None
) -> Disagreement:
    """Escalate to the next stage (up to the last stage of the escalation protocol)."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    if disagreement.stage >= max(ESCALATION_STAGES):
        raise ValidationError({"reason": "The disagreement is already at the last stage"})
    required("reason", reason, "Enter why it is escalated")
    disagreement.stage += 1
    disagreement.save(update_fields=["stage"])
    _move(
        disagreement,
        "escalate",
        actor=actor,
        on=escalated_on,
        reason=f"{disagreement.stage_label}: {reason.strip()}",
        summary=f"Disagreement escalated to stage {disagreement.stage}",
    )
    return disagreement


@transaction.atomic
def resolve_disagreement(
    *, actor: User, disagreement: Disagreement, outcome: str, notes: str, resolved_on: date
) -> Disagreement:
    """Close the disagreement with its outcome (upheld, changed or withdrawn)."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    errors: dict[str, str] = {}
    if outcome not in DisagreementOutcome.values:
        errors["outcome"] = "Select the outcome"
    if not notes.strip():
        errors["notes"] = "Enter how it was resolved"
    if resolved_on > timezone.localdate() or resolved_on < disagreement.raised_on:
        errors["resolved_on"] = "The date must be between the date raised and today"
    if errors:
        raise ValidationError(errors)
    disagreement.outcome = outcome
    disagreement.outcome_notes = notes.strip()
    disagreement.resolved_on = resolved_on
    disagreement.save(update_fields=["outcome", "outcome_notes", "resolved_on"])
    _move(
        disagreement,
        "resolve",
        actor=actor,
        on=resolved_on,
        reason=notes.strip(),
        summary="Disagreement resolved",
    )
    return disagreement
