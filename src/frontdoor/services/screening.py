"""Screening and the manager's decision: a contact's threshold level and what happens next."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from core.extensions import changed
from core.validation import required
from core.workflow import transition

from .. import clocks, rules
from ..machines import CONTACT
from ..models import REFERRAL_DECISIONS, Contact, Referral, ReferralStatus
from .referrals import open_referral


def _contact_transition(
    contact: Contact, event: str, *, actor: User, occurred_at: datetime | None, reason: str = ""
) -> None:
    children = [link.person for link in contact.child_links.select_related("person")]
    transition(
        contact,
        event,
        **CONTACT,
        actor=actor,
        occurred_at=occurred_at,
        reason=reason,
        person=children[0] if len(children) == 1 else None,
        summary=f"Contact: {event.replace('_', ' ')}",
    )
    changed(*children)


SCREENING_FIELDS = [
    "threshold_level",
    "decision",
    "primary_need",
    "screening_summary",
    "threshold_reason",
    "screened_by",
    "screened_at",
]


def _screened(
    contact: Contact,
    *,
    actor: User,
    threshold_level: str,
    decision: str,
    primary_need: str,
    summary: str,
    when: datetime,
    threshold_reason: str = "",
) -> None:
    """Write the screening on the contact (not saved): the primary need only for a referral,
    the reason for a decision that does not fit the threshold level only for such a one."""
    contact.threshold_level = threshold_level
    fits = rules.decision_fits_threshold(threshold_level, decision)
    contact.threshold_reason = "" if fits else threshold_reason.strip()
    contact.decision = decision
    contact.primary_need = primary_need if decision in REFERRAL_DECISIONS else ""
    contact.screening_summary = summary.strip()
    contact.screened_by = actor
    contact.screened_at = when


def _decided(contact: Contact, *, actor: User, rationale: str, when: datetime) -> None:
    """Write the manager's decision on the contact (not saved)."""
    contact.manager_rationale = rationale.strip()
    contact.decided_by = actor
    contact.decided_at = when


@transaction.atomic
def screen_contact(
    *,
    actor: User,
    contact: Contact,
    threshold_level: str,
    decision: str,
    summary: str,
    primary_need: str = "",
    screened_at: datetime | None = None,
    threshold_reason: str = "",
) -> Contact:
    """A qualified social worker screens the contact: threshold level and proposed decision
    (with the reason, when the decision does not fit the threshold level)."""
    rules.check_screener(actor)
    when = screened_at or timezone.now()
    errors = rules.screening_errors(
        threshold_level=threshold_level,
        decision=decision,
        summary=summary,
        primary_need=primary_need,
        has_children=contact.child_links.exists(),
        received_at=contact.received_at,
        screened_at=when,
        threshold_reason=threshold_reason,
    )
    if errors:
        raise ValidationError(errors)
    _screened(
        contact,
        actor=actor,
        threshold_level=threshold_level,
        decision=decision,
        primary_need=primary_need,
        summary=summary,
        when=when,
        threshold_reason=threshold_reason,
    )
    contact.save(update_fields=SCREENING_FIELDS)
    _contact_transition(contact, "screen", actor=actor, occurred_at=when, reason=contact.screening_summary)
    return contact


@transaction.atomic
def return_for_more_work(
    *, actor: User, contact: Contact, reason: str, occurred_at: datetime | None = None
) -> Contact:
    """The manager sends the screening back with what is needed."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    required("rationale", reason, "Enter what more work is needed")
    _contact_transition(
        contact, "return_for_work", actor=actor, occurred_at=occurred_at, reason=reason.strip()
    )
    return contact


@transaction.atomic
def confirm_decision(
    *, actor: User, contact: Contact, rationale: str, decided_at: datetime | None = None
) -> list[Referral]:
    """A manager confirms the screening decision; a referral decision opens a CIN episode
    for each child (or links the contact to the child's episode already open)."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    when = decided_at or timezone.now()
    errors = rules.decision_errors(rationale=rationale, screened_at=contact.screened_at, decided_at=when)
    if errors:
        raise ValidationError(errors)
    _decided(contact, actor=actor, rationale=rationale, when=when)
    contact.save(update_fields=["manager_rationale", "decided_by", "decided_at"])
    _contact_transition(contact, "confirm", actor=actor, occurred_at=when, reason=contact.manager_rationale)
    referrals: list[Referral] = []
    if contact.decision in REFERRAL_DECISIONS:
        for link in contact.child_links.select_related("person"):
            current = Referral.objects.filter(person=link.person, status=ReferralStatus.OPEN).first()
            referral = current or open_referral(
                actor=actor,
                person=link.person,
                referral_date=clocks.local_time(contact.received_at).date(),
                received_at=contact.received_at,
                source=contact.source,
                primary_need=contact.primary_need or "N0",
                contact=contact,
            )
            link.referral = referral
            link.save(update_fields=["referral"])
            referrals.append(referral)
    return referrals
