"""The front door's rules, each in one function that the services raise from and the bulk
import of past contacts (`services.history`) checks its rows with.

Each gives the errors by form field ({} when the rule is met), in the words the forms show,
or raises as the services do (`check_screener`, `check_begun_under`).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from accounts.permissions import Permission, require
from codes import cin as cin_codes
from core.validation import not_before, not_in_future
from people.models import RecordType

from . import clocks
from .models import REFERRAL_DECISIONS, Channel, Consent, Contact, Decision, Referral, ReferralStatus


def contact_errors(contact: Contact, *, now: datetime) -> dict[str, str]:
    """What a contact must have: received in the past, how and from whom, the concern and
    consent (or why it was not sought)."""
    errors: dict[str, str] = {}
    if contact.received_at > now:
        errors["received_at"] = "The date and time received must be in the past"
    if contact.channel not in Channel.values:
        errors["channel"] = "Select how the contact was received"
    if contact.source not in cin_codes.REFERRAL_SOURCE:
        errors["source"] = "Select the source of the contact"
    if not contact.concern.strip():
        errors["concern"] = "Enter the concern"
    if contact.consent not in Consent.values:
        errors["consent"] = "Select whether consent was given"
    if contact.consent == Consent.NOT_SOUGHT and not contact.consent_notes.strip():
        errors["consent_notes"] = "Explain why seeking consent would place the child at risk"
    return errors


def child_link_errors(*, record_type: str, already_on_contact: bool) -> dict[str, str]:
    """A contact is about children, each once."""
    if record_type != RecordType.CHILD:
        return {"person": "A contact can only be about a child"}
    if already_on_contact:
        return {"person": "This child is already on the contact"}
    return {}


def check_screener(actor: User) -> None:
    """Screening is done by a registered social worker whose role may screen contacts."""
    require(actor, Permission.SCREEN_CONTACT)
    if not actor.registered_social_worker:
        raise PermissionDenied("Screening must be done by a registered social worker")


def check_begun_under(
    referral: Referral,
    on: date,
    *,
    field: str,
    label: str = "The date",
    closed: str = "The referral is closed",
) -> None:
    """Work begun under a referral on date `on` (a plan, an assessment, a strategy discussion):
    `on` is today or earlier, the referral is still open and `on` is not before it."""
    not_in_future(on, field=field, label=label)
    if referral.status != ReferralStatus.OPEN:
        raise ValidationError({"referral": closed})
    not_before(field, on, referral.referral_date, f"{label} must be on or after the referral date")


def decision_fits_threshold(threshold_level: str, decision: str) -> bool:
    """Does the decision fit the threshold level on the authority's continuum of need
    (lowest first)? A strategy discussion fits only the highest level, a referral for
    assessment the two highest, and no further action, advice or early help any level but
    the highest. An unknown level or decision is another rule's error."""
    codes = [code for code, _ in clocks.threshold_levels()]
    if threshold_level not in codes or decision not in Decision.values:
        return True
    rank, top = codes.index(threshold_level), len(codes) - 1
    if decision == Decision.STRATEGY:
        return rank == top
    if decision == Decision.ASSESSMENT:
        return rank >= top - 1
    return rank < top


def screening_errors(
    *,
    threshold_level: str,
    decision: str,
    summary: str,
    primary_need: str,
    has_children: bool,
    received_at: datetime,
    screened_at: datetime,
    threshold_reason: str = "",
) -> dict[str, str]:
    """A screening: the threshold level, a decision with its reasons (and the primary need
    for a referral), about at least one child, not before the contact arrived; a decision
    that does not fit the threshold level says why."""
    errors: dict[str, str] = {}
    if not decision_fits_threshold(threshold_level, decision) and not threshold_reason.strip():
        level = dict(clocks.threshold_levels())[threshold_level]
        errors["threshold_reason"] = (
            f"Enter why the decision is right for a child at {level}, or change the threshold level "
            "or the decision"
        )
    if threshold_level not in dict(clocks.threshold_levels()):
        errors["threshold_level"] = "Select the threshold level"
    if decision not in Decision.values:
        errors["decision"] = "Select the decision"
    if not summary.strip():
        errors["summary"] = "Enter the screening summary and reasons"
    if decision in REFERRAL_DECISIONS and primary_need not in cin_codes.PRIMARY_NEED:
        errors["primary_need"] = "Select the child's primary need for a referral"
    if not has_children:
        errors["decision"] = "Add at least one child to the contact before screening it"
    if screened_at < received_at:
        errors["screened_at"] = "Screening cannot be before the contact was received"
    return errors


def decision_errors(*, rationale: str, screened_at: datetime | None, decided_at: datetime) -> dict[str, str]:
    """A manager's decision gives its rationale and is not before the screening."""
    if not rationale.strip():
        return {"rationale": "Enter the rationale for the decision"}
    if screened_at and decided_at < screened_at:
        return {"rationale": "The decision cannot be before the screening"}
    return {}


def referral_errors(
    *, source: str, primary_need: str, referral_date: date, today: date, episodes: Iterable[Referral]
) -> dict[str, str]:
    """A child in need episode: coded source and primary need, referred by today, and never
    overlapping the child's other `episodes` (CIN census rules 8816 and 8820): none open, and
    each earlier one closed before the referral date."""
    errors: dict[str, str] = {}
    if source not in cin_codes.REFERRAL_SOURCE:
        errors["source"] = "Select the referral source"
    if primary_need not in cin_codes.PRIMARY_NEED:
        errors["primary_need"] = "Select the primary need"
    if referral_date > today:
        errors["referral_date"] = "The referral date must be today or in the past"
    episodes = list(episodes)
    overlapped = [
        e
        for e in episodes
        if (e.closure_date is not None and e.closure_date >= referral_date)
        or e.referral_date >= referral_date
    ]
    if any(e.status == ReferralStatus.OPEN for e in episodes):
        errors["referral_date"] = "The child already has an open referral (child in need episode)"
    elif overlapped:
        last = max(overlapped, key=lambda e: e.closure_date or date.min)
        ended = last.closure_date or last.referral_date
        errors["referral_date"] = (
            f"The referral date must be after the child's last episode, closed on {ended:%d/%m/%Y}: "
            "child in need episodes cannot overlap"
        )
    return errors


def closure_errors(
    *, reason: str, closure_date: date, referral_date: date, today: date, open_work: list[str]
) -> dict[str, str]:
    """An episode closes with a CIN census reason (RC1–RC9), between its referral and today,
    once none of its work is open."""
    errors: dict[str, str] = {}
    if reason not in cin_codes.CLOSURE_REASON:
        errors["reason"] = "Select the reason for closure"
    if closure_date < referral_date:
        errors["closure_date"] = "The closure date must be on or after the referral date"
    if closure_date > today:
        errors["closure_date"] = "The closure date must be today or in the past"
    if open_work and "reason" not in errors:
        errors["reason"] = f"The episode cannot be closed while it has open work: {', '.join(open_work)}"
    return errors
