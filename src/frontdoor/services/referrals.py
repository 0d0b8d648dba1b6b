"""Referrals: opening and closing a child's child-in-need episode (the CIN census unit)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import cin as cin_codes
from core.extensions import changed, episode_open_work
from core.workflow import Step, midday, opening_row, transition
from people.models import Person

from .. import rules
from ..machines import REFERRAL
from ..models import Contact, Referral, ReferralStatusChange


def _new_referral(
    *,
    actor: User,
    person_id: int,
    referral_date: date,
    received_at: datetime,
    source: str,
    primary_need: str,
    contact: Contact | None,
    episodes: list[Referral],
) -> tuple[Referral, ReferralStatusChange]:
    """A referral checked against the rules and the child's other `episodes`, with the first
    row of its history, neither yet saved."""
    errors = rules.referral_errors(
        source=source,
        primary_need=primary_need,
        referral_date=referral_date,
        today=timezone.localdate(),
        episodes=episodes,
    )
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        person_id=person_id,
        referral_date=referral_date,
        received_at=received_at,
        source=source,
        primary_need=primary_need,
        contact=contact,
        created_by=actor,
    )
    opened = opening_row(referral, Step("open", actor, received_at), **REFERRAL)
    return referral, opened  # type: ignore[return-value]


@transaction.atomic
def open_referral(
    *,
    actor: User,
    person: Person,
    referral_date: date,
    received_at: datetime,
    source: str,
    primary_need: str = "N0",
    contact: Contact | None = None,
) -> Referral:
    """Open a child-in-need episode (CIN census referral) for the child."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    referral, opened = _new_referral(
        actor=actor,
        person_id=person.pk,
        referral_date=referral_date,
        received_at=received_at,
        source=source,
        primary_need=primary_need,
        contact=contact,
        episodes=list(Referral.objects.filter(person=person)),
    )
    referral.person = person
    referral.save()
    opened.save()
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        referral,
        "Referral opened (child in need episode)",
        changes={"referral_date": referral_date, "source": source, "primary_need": primary_need},
    )
    return referral


def _closed(referral: Referral, *, closure_date: date, reason: str, nfa: bool) -> None:
    """Write the episode's closure on the referral (not saved)."""
    referral.closure_date, referral.closure_reason, referral.referral_nfa = closure_date, reason, nfa


@transaction.atomic
def close_referral(
    *,
    actor: User,
    referral: Referral,
    closure_date: date,
    reason: str,
    nfa: bool = False,
    note: str = "",
) -> Referral:
    """Close a child-in-need episode with a CIN census closure reason (RC1–RC9).

    `nfa` marks a referral closed with no further action before any assessment.
    """
    require(actor, Permission.CLOSE_REFERRAL)
    errors = rules.closure_errors(
        reason=reason,
        closure_date=closure_date,
        referral_date=referral.referral_date,
        today=timezone.localdate(),
        open_work=episode_open_work(referral),
    )
    if errors:
        raise ValidationError(errors)
    _closed(referral, closure_date=closure_date, reason=reason, nfa=nfa)
    referral.save(update_fields=["closure_date", "closure_reason", "referral_nfa"])
    transition(
        referral,
        "close",
        **REFERRAL,
        actor=actor,
        occurred_at=midday(closure_date),
        reason=note or cin_codes.CLOSURE_REASON.label(reason),
        person=referral.person,
        summary=f"Referral closed ({reason})",
    )
    changed(referral.person_id)
    return referral
