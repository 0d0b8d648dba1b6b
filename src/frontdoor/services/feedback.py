"""Feedback: what the referrer was told about the outcome of their contact."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed

from .. import clocks
from ..models import Channel, Contact, ReferrerFeedback


@transaction.atomic
def record_feedback(
    *, actor: User, contact: Contact, given_on: date, method: str, summary: str
) -> ReferrerFeedback:
    """Record what the referrer was told about the outcome of their contact."""
    require(actor, Permission.RECORD_CONTACT)
    errors: dict[str, str] = {}
    if given_on > timezone.localdate():
        errors["given_on"] = "The date must be today or in the past"
    if given_on < clocks.local_time(contact.received_at).date():
        errors["given_on"] = "Feedback cannot be before the contact was received"
    if method not in Channel.values:
        errors["method"] = "Select how the feedback was given"
    if not summary.strip():
        errors["summary"] = "Enter what the referrer was told"
    if errors:
        raise ValidationError(errors)
    row = ReferrerFeedback.objects.create(
        contact=contact, given_on=given_on, method=method, summary=summary.strip(), recorded_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        summary="Feedback to referrer",
        changes={"given_on": given_on},
    )
    changed(*contact.child_links.values_list("person_id", flat=True))
    return row
