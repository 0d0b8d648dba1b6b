"""Importing past contacts, already screened and decided, many at once: a legacy system's
history, or the demo's two years of it.

Each row is held to the same rules as `record_contact`, `screen_contact`, `confirm_decision`,
`open_referral` and `close_referral` (the functions of `frontdoor.rules` they raise from),
built by the same builders, and its status history is written by the workflow's one
history writer (`core.workflow`), which walks each record through its declared machine.
Only the writing differs: a few bulk inserts instead of a dozen queries a contact.

Rows are taken in the order received, as if each arrived and was decided in turn: a contact
received while the child's episode was open joins that episode, and a referral decision about
a child with no open episode opens one from the date received.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from codes import cin as cin_codes
from core.extensions import changed
from core.workflow import Step, history_rows, midday
from people.models import Person

from .. import clocks, rules
from ..machines import CONTACT, REFERRAL
from ..models import (
    REFERRAL_DECISIONS,
    Contact,
    ContactChild,
    ContactStatusChange,
    Referral,
    ReferralStatusChange,
)
from .contacts import _frequent, _new_contact
from .referrals import _closed, _new_referral
from .screening import _decided, _screened

BULK_BATCH = 2000


class Closure(NamedTuple):
    """How a referral's episode closed: the date, the CIN census reason (RC1–RC9) and whether
    it closed with no further action, before any assessment (ReferralNFA)."""

    on: date
    reason: str
    nfa: bool = False


@dataclass(frozen=True)
class HistoricContact:
    """A contact already screened and decided, for `bulk_record_decided_contacts`."""

    received_at: datetime
    channel: str
    source: str
    concern: str
    consent: str
    person_ids: Sequence[int]
    screened_by: User
    screened_at: datetime
    threshold_level: str
    decision: str
    screening_summary: str
    decided_by: User
    decided_at: datetime
    manager_rationale: str
    consent_notes: str = ""
    primary_need: str = ""
    threshold_reason: str = ""
    referrer_name: str = ""
    referrer_agency: str = ""
    # For a referral decision: how the episode it opens closed (None: still open).
    closure: Closure | None = None


@dataclass
class _Written:
    """What the rows become, collected for the bulk inserts."""

    contacts: list[Contact]
    contact_history: list[ContactStatusChange]
    links: list[ContactChild]
    referrals: list[Referral]
    referral_history: list[ReferralStatusChange]


def _check_staff(actor: User, rows: Sequence[HistoricContact]) -> None:
    """The importer, and each screener and manager, as the services check them."""
    require(actor, Permission.CONFIRM_CONTACT_DECISION)
    for screener in {row.screened_by.pk: row.screened_by for row in rows}.values():
        rules.check_screener(screener)
    for manager in {row.decided_by.pk: row.decided_by for row in rows}.values():
        require(manager, Permission.CONFIRM_CONTACT_DECISION)
        if any(row.closure for row in rows if row.decided_by.pk == manager.pk):
            require(manager, Permission.CLOSE_REFERRAL)


def _decided_contact(row: HistoricContact, actor: User) -> tuple[Contact, list[ContactStatusChange]]:
    """The contact recorded, screened and decided, with its three history rows."""
    contact, received = _new_contact(
        actor=actor,
        received_at=row.received_at,
        channel=row.channel,
        source=row.source,
        concern=row.concern,
        consent=row.consent,
        consent_notes=row.consent_notes,
        referrer_name=row.referrer_name,
        referrer_agency=row.referrer_agency,
    )
    errors = rules.screening_errors(
        threshold_level=row.threshold_level,
        decision=row.decision,
        summary=row.screening_summary,
        primary_need=row.primary_need,
        has_children=bool(row.person_ids),
        received_at=row.received_at,
        screened_at=row.screened_at,
        threshold_reason=row.threshold_reason,
    ) | rules.decision_errors(
        rationale=row.manager_rationale, screened_at=row.screened_at, decided_at=row.decided_at
    )
    if errors:
        raise ValidationError(errors)
    _screened(
        contact,
        actor=row.screened_by,
        threshold_level=row.threshold_level,
        decision=row.decision,
        primary_need=row.primary_need,
        summary=row.screening_summary,
        when=row.screened_at,
        threshold_reason=row.threshold_reason,
    )
    _decided(contact, actor=row.decided_by, rationale=row.manager_rationale, when=row.decided_at)
    later = history_rows(
        contact,
        [
            Step("screen", row.screened_by, row.screened_at, contact.screening_summary),
            Step("confirm", row.decided_by, row.decided_at, contact.manager_rationale),
        ],
        **CONTACT,
    )
    return contact, [received, *later]  # type: ignore[list-item]


def _episode_joined(episodes: list[Referral], received: date) -> Referral | None:
    """The child's episode a contact received on `received` joins: their latest, if it had
    not closed before that day."""
    latest = episodes[-1] if episodes else None
    if latest is not None and (latest.closure_date is None or latest.closure_date >= received):
        return latest
    return None


def _opened_referral(
    row: HistoricContact, contact: Contact, person_id: int, episodes: list[Referral], written: _Written
) -> Referral:
    """The episode the contact's referral decision opens for the child (closed too, if the
    row says how it ended)."""
    referral, opened = _new_referral(
        actor=row.decided_by,
        person_id=person_id,
        referral_date=clocks.local_time(row.received_at).date(),
        received_at=row.received_at,
        source=row.source,
        primary_need=contact.primary_need or "N0",
        contact=contact,
        episodes=episodes,
    )
    written.referral_history.append(opened)  # type: ignore[arg-type]
    if row.closure:
        # An episode opened here has no work of its own yet.
        errors = rules.closure_errors(
            reason=row.closure.reason,
            closure_date=row.closure.on,
            referral_date=referral.referral_date,
            today=timezone.localdate(),
            open_work=[],
        )
        if errors:
            raise ValidationError(errors)
        _closed(referral, closure_date=row.closure.on, reason=row.closure.reason, nfa=row.closure.nfa)
        written.referral_history += history_rows(  # type: ignore[arg-type]
            referral,
            [
                Step(
                    "close",
                    row.decided_by,
                    midday(row.closure.on),
                    cin_codes.CLOSURE_REASON.label(row.closure.reason),
                )
            ],
            **REFERRAL,
        )
    written.referrals.append(referral)
    episodes.append(referral)
    return referral


def _write(written: _Written, actor: User) -> None:
    Contact.objects.bulk_create(written.contacts, batch_size=BULK_BATCH)
    ContactStatusChange.objects.bulk_create(written.contact_history, batch_size=BULK_BATCH)
    Referral.objects.bulk_create(written.referrals, batch_size=BULK_BATCH)
    ContactChild.objects.bulk_create(written.links, batch_size=BULK_BATCH)
    ReferralStatusChange.objects.bulk_create(written.referral_history, batch_size=BULK_BATCH)
    auditor.record_many(
        [
            auditor.event(
                actor=actor, action=AuditAction.CREATE, obj=contact, summary="Imported a decided contact"
            )
            for contact in written.contacts
        ]
        + [
            auditor.event(
                actor=actor,
                action=AuditAction.CREATE,
                person=referral.person_id,
                obj=referral,
                summary="Imported a referral (child in need episode)",
            )
            for referral in written.referrals
        ]
    )
    changed(*{link.person_id for link in written.links})


@transaction.atomic
def bulk_record_decided_contacts(*, actor: User, rows: Sequence[HistoricContact]) -> list[Contact]:
    """Record many already-decided contacts at once, in the order received: the contact, its
    children (with the frequent-contact flag), its screening and decision, and for a referral
    decision each child's episode joined or opened (and closed), with status history and
    audit. A row that breaks a rule stops the import, naming the row."""
    _check_staff(actor, rows)
    rows = sorted(rows, key=lambda r: r.received_at)
    person_ids = {pid for row in rows for pid in row.person_ids}
    record_types = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "record_type"))
    earlier: dict[int, list[datetime]] = defaultdict(list)
    for pid, received_at in ContactChild.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "contact__received_at"
    ):
        earlier[pid].append(received_at)
    episodes: dict[int, list[Referral]] = defaultdict(list)
    for referral in Referral.objects.filter(person_id__in=person_ids).order_by("referral_date", "pk"):
        episodes[referral.person_id].append(referral)
    written = _Written([], [], [], [], [])
    for index, row in enumerate(rows):
        try:
            contact, history = _decided_contact(row, actor)
            received = clocks.local_time(row.received_at).date()
            for pid in row.person_ids:
                errors = rules.child_link_errors(
                    record_type=record_types.get(pid, ""), already_on_contact=row.person_ids.count(pid) > 1
                )
                if errors:
                    raise ValidationError(errors)
                link = ContactChild(
                    contact=contact, person_id=pid, frequent_contacts=_frequent(row.received_at, earlier[pid])
                )
                earlier[pid].append(row.received_at)
                if row.decision in REFERRAL_DECISIONS:
                    link.referral = _episode_joined(episodes[pid], received) or _opened_referral(
                        row, contact, pid, episodes[pid], written
                    )
                written.links.append(link)
        except ValidationError as exc:
            raise ValidationError(f"Contact {index + 1}: " + "; ".join(exc.messages)) from exc
        written.contacts.append(contact)
        written.contact_history += history
    _write(written, actor)
    return written.contacts
