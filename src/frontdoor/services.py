"""Front-door services: contacts, screening, manager decisions, referrals (CIN episodes),
feedback to referrers and partner disagreements. Every function is atomic, checks the
actor's permission, validates, writes history through `core.workflow.transition` where a
status changes, and audits.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind, User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from codes import cin as cin_codes
from core import services as core_services
from core.extensions import episode_open_work
from core.workflow import transition
from people import services as people_services
from people.models import Person, RecordType

from . import clocks
from .machines import ContactMachine, DisagreementMachine, ReferralMachine
from .models import (
    ESCALATION_STAGES,
    REFERRAL_DECISIONS,
    Channel,
    Consent,
    Contact,
    ContactChild,
    ContactStatus,
    ContactStatusChange,
    Decision,
    Disagreement,
    DisagreementOutcome,
    DisagreementStatusChange,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    ReferrerFeedback,
)

BULK_BATCH = 2000


def _now() -> datetime:
    return timezone.now()


def _midday(day: date) -> datetime:
    """A date-only event's moment for history rows (midday local time)."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _contact_transition(
    contact: Contact, event: str, *, actor: User, occurred_at: datetime | None, reason: str = ""
) -> None:
    children = list(contact.child_links.select_related("person"))
    transition(
        contact,
        event,
        machine_cls=ContactMachine,
        history_model=ContactStatusChange,
        history_fk="contact",
        actor=actor,
        occurred_at=occurred_at,
        reason=reason,
        person=children[0].person if len(children) == 1 else None,
        summary=f"Contact: {event.replace('_', ' ')}",
    )


# --- Contacts ----------------------------------------------------------------------------


def _front_door_managers(fallback: User | None = None) -> list[User]:
    """Managers of the front-door teams (or the fallback user's own team manager)."""
    managers = [
        t.manager
        for t in Team.objects.filter(
            kind=TeamKind.FRONT_DOOR, is_active=True, manager__isnull=False
        ).select_related("manager")
        if t.manager is not None
    ]
    if (
        not managers
        and fallback is not None
        and fallback.team_id
        and fallback.team
        and fallback.team.manager_id
    ):
        managers = [fallback.team.manager]  # type: ignore[list-item]
    return managers


def _link_child(*, actor: User, contact: Contact, person: Person, notify: bool = True) -> ContactChild:
    if person.record_type != RecordType.CHILD:
        raise ValidationError({"person": "A contact can only be about a child"})
    if ContactChild.objects.filter(contact=contact, person=person).exists():
        raise ValidationError({"person": "This child is already on the contact"})
    received = clocks.local_time(contact.received_at).date()
    dates = [
        clocks.local_time(c).date()
        for c in Contact.objects.filter(child_links__person=person, received_at__lte=contact.received_at)
        .exclude(pk=contact.pk)
        .values_list("received_at", flat=True)
    ]
    frequent = clocks.has_frequent_contacts([*dates, received], received)
    link = ContactChild.objects.create(contact=contact, person=person, frequent_contacts=frequent)
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=link,
        summary="Contact received about the child",
        changes={"contact": contact.pk, "frequent_contacts": frequent},
    )
    if frequent and notify:
        link_url = reverse("frontdoor:contact", args=[contact.pk])
        for manager in _front_door_managers(fallback=actor):
            core_services.notify(
                recipient=manager,
                subject="Three or more contacts in 30 days",
                body=f"Child {person.la_child_id} has had three or more contacts in 30 days.",
                link=link_url,
            )
    return link


@transaction.atomic
def record_contact(
    *,
    actor: User,
    received_at: datetime,
    channel: str,
    source: str,
    concern: str,
    consent: str,
    children: Sequence[Person] = (),
    referrer_name: str = "",
    referrer_agency: str = "",
    referrer_contact_details: str = "",
    consent_notes: str = "",
    notify: bool = True,
) -> Contact:
    """Record a contact received at any hour, about one or several children of a family."""
    _require(actor, Permission.RECORD_CONTACT)
    return _create_contact(
        actor=actor,
        received_at=received_at,
        channel=channel,
        source=source,
        concern=concern,
        consent=consent,
        children=children,
        referrer_name=referrer_name,
        referrer_agency=referrer_agency,
        referrer_contact_details=referrer_contact_details,
        consent_notes=consent_notes,
        notify=notify,
    )


def _create_contact(
    *,
    actor: User,
    received_at: datetime,
    channel: str,
    source: str,
    concern: str,
    consent: str,
    children: Sequence[Person],
    referrer_name: str,
    referrer_agency: str,
    referrer_contact_details: str,
    consent_notes: str,
    notify: bool = True,
) -> Contact:
    """Shared by `record_contact` and early help's step-up (which checks its own permission)."""
    errors: dict[str, str] = {}
    if received_at > _now():
        errors["received_at"] = "The date and time received must be in the past"
    if channel not in Channel.values:
        errors["channel"] = "Select how the contact was received"
    if source not in cin_codes.REFERRAL_SOURCE:
        errors["source"] = "Select the source of the contact"
    if not concern.strip():
        errors["concern"] = "Enter the concern"
    if consent not in Consent.values:
        errors["consent"] = "Select whether consent was given"
    if consent == Consent.NOT_SOUGHT and not consent_notes.strip():
        errors["consent_notes"] = "Explain why seeking consent would place the child at risk"
    if errors:
        raise ValidationError(errors)
    deadline = clocks.decision_deadline(received_at)
    contact = Contact.objects.create(
        received_at=received_at,
        out_of_hours=clocks.is_out_of_hours(received_at),
        channel=channel,
        source=source,
        referrer_name=referrer_name.strip(),
        referrer_agency=referrer_agency.strip(),
        referrer_contact_details=referrer_contact_details.strip(),
        concern=concern.strip(),
        consent=consent,
        consent_notes=consent_notes.strip(),
        decision_due=deadline.statutory_due,
        calendar_version=deadline.calendar_version,
        created_by=actor,
    )
    ContactStatusChange.objects.create(
        contact=contact, status=contact.status, event="receive", occurred_at=received_at, recorded_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        summary="Recorded a contact",
        changes={
            "received_at": received_at,
            "channel": channel,
            "source": source,
            "out_of_hours": contact.out_of_hours,
        },
    )
    for person in children:
        _link_child(actor=actor, contact=contact, person=person, notify=notify)
    return contact


@transaction.atomic
def add_child_to_contact(*, actor: User, contact: Contact, person: Person) -> ContactChild:
    """Add another child of the family to a contact not yet decided."""
    _require(actor, Permission.RECORD_CONTACT)
    if contact.status == ContactStatus.DECIDED:
        raise ValidationError({"person": "Children cannot be added once the decision is made"})
    return _link_child(actor=actor, contact=contact, person=person)


@transaction.atomic
def create_child_for_contact(*, actor: User, contact: Contact, data: Mapping[str, Any]) -> Person:
    """Create a new child record (after the duplicate check) and add them to the contact."""
    _require(actor, Permission.RECORD_CONTACT)
    person = people_services.create_person(actor=actor, data={**data, "record_type": "CHILD"})
    add_child_to_contact(actor=actor, contact=contact, person=person)
    return person


@transaction.atomic
def remove_child_from_contact(*, actor: User, contact: Contact, person: Person) -> None:
    _require(actor, Permission.RECORD_CONTACT)
    if contact.status != ContactStatus.RECEIVED:
        raise ValidationError({"person": "Children can only be removed before screening"})
    link = ContactChild.objects.get(contact=contact, person=person)
    auditor.record(
        actor=actor, action=AuditAction.UPDATE, person=person, obj=contact, summary="Removed from a contact"
    )
    link.delete()


# --- Screening and decision ------------------------------------------------------------------


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
) -> Contact:
    """A qualified social worker screens the contact: threshold level and proposed decision."""
    _require(actor, Permission.SCREEN_CONTACT)
    if not actor.registered_social_worker:
        raise PermissionDenied("Screening must be done by a registered social worker")
    errors: dict[str, str] = {}
    if threshold_level not in dict(clocks.threshold_levels()):
        errors["threshold_level"] = "Select the threshold level"
    if decision not in Decision.values:
        errors["decision"] = "Select the decision"
    if not summary.strip():
        errors["summary"] = "Enter the screening summary and reasons"
    if decision in REFERRAL_DECISIONS and primary_need not in cin_codes.PRIMARY_NEED:
        errors["primary_need"] = "Select the child's primary need for a referral"
    if not contact.child_links.exists():
        errors["decision"] = "Add at least one child to the contact before screening it"
    when = screened_at or _now()
    if when < contact.received_at:
        errors["screened_at"] = "Screening cannot be before the contact was received"
    if errors:
        raise ValidationError(errors)
    contact.threshold_level = threshold_level
    contact.decision = decision
    contact.primary_need = primary_need if decision in REFERRAL_DECISIONS else ""
    contact.screening_summary = summary.strip()
    contact.screened_by = actor
    contact.screened_at = when
    contact.save(
        update_fields=[
            "threshold_level",
            "decision",
            "primary_need",
            "screening_summary",
            "screened_by",
            "screened_at",
        ]
    )
    _contact_transition(contact, "screen", actor=actor, occurred_at=when, reason=summary.strip())
    return contact


@transaction.atomic
def return_for_more_work(
    *, actor: User, contact: Contact, reason: str, occurred_at: datetime | None = None
) -> Contact:
    """The manager sends the screening back with what is needed."""
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
    if not reason.strip():
        raise ValidationError({"rationale": "Enter what more work is needed"})
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
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the rationale for the decision"})
    when = decided_at or _now()
    if contact.screened_at and when < contact.screened_at:
        raise ValidationError({"rationale": "The decision cannot be before the screening"})
    contact.manager_rationale = rationale.strip()
    contact.decided_by = actor
    contact.decided_at = when
    contact.save(update_fields=["manager_rationale", "decided_by", "decided_at"])
    _contact_transition(contact, "confirm", actor=actor, occurred_at=when, reason=rationale.strip())
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


# --- Referrals (CIN episodes) --------------------------------------------------------------


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
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
    errors: dict[str, str] = {}
    if source not in cin_codes.REFERRAL_SOURCE:
        errors["source"] = "Select the referral source"
    if primary_need not in cin_codes.PRIMARY_NEED:
        errors["primary_need"] = "Select the primary need"
    if referral_date > timezone.localdate():
        errors["referral_date"] = "The referral date must be today or in the past"
    if Referral.objects.filter(person=person, status=ReferralStatus.OPEN).exists():
        errors["referral_date"] = "The child already has an open referral (child in need episode)"
    else:
        overlapped = (
            Referral.objects.filter(person=person)
            .filter(Q(closure_date__gte=referral_date) | Q(referral_date__gte=referral_date))
            .order_by("-closure_date")
            .first()
        )
        if overlapped is not None:
            ended = overlapped.closure_date or overlapped.referral_date
            errors["referral_date"] = (
                f"The referral date must be after the child's last episode, closed on {ended:%d/%m/%Y}: "
                "child in need episodes cannot overlap"
            )
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        person=person,
        referral_date=referral_date,
        received_at=received_at,
        source=source,
        primary_need=primary_need,
        contact=contact,
        created_by=actor,
    )
    ReferralStatusChange.objects.create(
        referral=referral, status=referral.status, event="open", occurred_at=received_at, recorded_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=referral,
        summary="Referral opened (child in need episode)",
        changes={"referral_date": referral_date, "source": source, "primary_need": primary_need},
    )
    return referral


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
    _require(actor, Permission.CLOSE_REFERRAL)
    errors: dict[str, str] = {}
    if reason not in cin_codes.CLOSURE_REASON:
        errors["reason"] = "Select the reason for closure"
    if closure_date < referral.referral_date:
        errors["closure_date"] = "The closure date must be on or after the referral date"
    if closure_date > timezone.localdate():
        errors["closure_date"] = "The closure date must be today or in the past"
    open_work = episode_open_work(referral)
    if open_work and "reason" not in errors:
        errors["reason"] = f"The episode cannot be closed while it has open work: {', '.join(open_work)}"
    if errors:
        raise ValidationError(errors)
    referral.closure_date = closure_date
    referral.closure_reason = reason
    referral.referral_nfa = nfa
    referral.save(update_fields=["closure_date", "closure_reason", "referral_nfa"])
    occurred = _midday(closure_date)
    transition(
        referral,
        "close",
        machine_cls=ReferralMachine,
        history_model=ReferralStatusChange,
        history_fk="referral",
        actor=actor,
        occurred_at=occurred,
        reason=note or cin_codes.CLOSURE_REASON.label(reason),
        person=referral.person,
        summary=f"Referral closed ({reason})",
    )
    return referral


# --- Feedback and disagreements ------------------------------------------------------------


@transaction.atomic
def record_feedback(
    *, actor: User, contact: Contact, given_on: date, method: str, summary: str
) -> ReferrerFeedback:
    """Record what the referrer was told about the outcome of their contact."""
    _require(actor, Permission.RECORD_CONTACT)
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
    return row


@transaction.atomic
def raise_disagreement(
    *, actor: User, contact: Contact, raised_on: date, raised_by_name: str, agency: str, grounds: str
) -> Disagreement:
    """Record a partner's disagreement with the threshold decision (stage 1)."""
    _require(actor, Permission.RECORD_CONTACT)
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
    row = Disagreement.objects.create(
        contact=contact,
        raised_on=raised_on,
        raised_by_name=raised_by_name.strip(),
        agency=agency.strip(),
        grounds=grounds.strip(),
        created_by=actor,
    )
    DisagreementStatusChange.objects.create(
        disagreement=row,
        status=row.status,
        event="raise",
        occurred_at=_midday(raised_on),
        recorded_by=actor,
        reason=grounds.strip(),
    )
    auditor.record(actor=actor, action=AuditAction.CREATE, obj=row, summary="Partner disagreement raised")
    return row


@transaction.atomic
def escalate_disagreement(
    *, actor: User, disagreement: Disagreement, reason: str, escalated_on: date | None = None
) -> Disagreement:
    """Escalate to the next stage (up to the last stage of the escalation protocol)."""
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
    if disagreement.stage >= max(ESCALATION_STAGES):
        raise ValidationError({"reason": "The disagreement is already at the last stage"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why it is escalated"})
    disagreement.stage += 1
    disagreement.save(update_fields=["stage"])
    transition(
        disagreement,
        "escalate",
        machine_cls=DisagreementMachine,
        history_model=DisagreementStatusChange,
        history_fk="disagreement",
        actor=actor,
        occurred_at=_midday(escalated_on) if escalated_on else None,
        reason=f"{disagreement.stage_label}: {reason.strip()}",
        summary=f"Disagreement escalated to stage {disagreement.stage}",
    )
    return disagreement


@transaction.atomic
def resolve_disagreement(
    *, actor: User, disagreement: Disagreement, outcome: str, notes: str, resolved_on: date
) -> Disagreement:
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
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
    transition(
        disagreement,
        "resolve",
        machine_cls=DisagreementMachine,
        history_model=DisagreementStatusChange,
        history_fk="disagreement",
        actor=actor,
        occurred_at=_midday(resolved_on),
        reason=notes.strip(),
        summary="Disagreement resolved",
    )
    return disagreement


# --- Bulk history (demo data and migration of legacy records) ---------------------------


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
    primary_need: str = ""
    referrer_name: str = ""
    referrer_agency: str = ""
    # For a referral decision: when and why the episode it opens closed (None: still open).
    closure: tuple[date, str] | None = None


def _historic_errors(row: HistoricContact, now: datetime, levels: Mapping[str, str]) -> list[str]:
    errors = []
    if not row.person_ids:
        errors.append("a contact needs a child")
    if not (row.received_at <= row.screened_at <= row.decided_at <= now):
        errors.append("received, screened and decided must be in order and in the past")
    if row.channel not in Channel.values or row.source not in cin_codes.REFERRAL_SOURCE:
        errors.append("channel or source")
    if row.consent not in Consent.values or row.decision not in Decision.values:
        errors.append("consent or decision")
    if row.threshold_level not in levels:
        errors.append("threshold level")
    if not row.screened_by.registered_social_worker:
        errors.append("the screener must be a registered social worker")
    if row.decision in REFERRAL_DECISIONS and row.primary_need not in cin_codes.PRIMARY_NEED:
        errors.append("primary need")
    if row.closure and (
        row.closure[1] not in cin_codes.CLOSURE_REASON or row.closure[0] < row.received_at.date()
    ):
        errors.append("closure")
    return errors


def _historic_contact(row: HistoricContact, actor: User) -> Contact:
    deadline = clocks.decision_deadline(row.received_at)
    return Contact(
        received_at=row.received_at,
        out_of_hours=clocks.is_out_of_hours(row.received_at),
        channel=row.channel,
        source=row.source,
        referrer_name=row.referrer_name,
        referrer_agency=row.referrer_agency,
        concern=row.concern,
        consent=row.consent,
        consent_notes="Seeking consent would place the child at risk"
        if row.consent == Consent.NOT_SOUGHT
        else "",
        status=ContactStatus.DECIDED,
        decision_due=deadline.statutory_due,
        calendar_version=deadline.calendar_version,
        threshold_level=row.threshold_level,
        decision=row.decision,
        primary_need=row.primary_need if row.decision in REFERRAL_DECISIONS else "",
        screening_summary=row.screening_summary,
        screened_by=row.screened_by,
        screened_at=row.screened_at,
        manager_rationale=row.manager_rationale,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        created_by=actor,
    )


def _historic_referral_history(referral: Referral, row: HistoricContact) -> list[ReferralStatusChange]:
    rows: list[ReferralStatusChange] = []
    rows.append(
        ReferralStatusChange(
            referral=referral,
            status=ReferralStatus.OPEN,
            event="open",
            occurred_at=row.received_at,
            recorded_by=row.decided_by,
        )
    )
    if referral.status == ReferralStatus.CLOSED and referral.closure_date:
        rows.append(
            ReferralStatusChange(
                referral=referral,
                status=ReferralStatus.CLOSED,
                event="close",
                occurred_at=_midday(referral.closure_date),
                recorded_by=row.decided_by,
                reason=cin_codes.CLOSURE_REASON.label(referral.closure_reason),
            )
        )
    return rows


def _checked_historic_rows(actor: User, rows: Sequence[HistoricContact]) -> list[HistoricContact]:
    """Permissions of the importer, each screener and manager; validity; received order."""
    _require(actor, Permission.CONFIRM_CONTACT_DECISION)
    checked: set[tuple[int, Permission]] = set()
    now, levels = _now(), dict(clocks.threshold_levels())
    for index, row in enumerate(rows):
        for user, permission in (
            (row.screened_by, Permission.SCREEN_CONTACT),
            (row.decided_by, Permission.CONFIRM_CONTACT_DECISION),
        ):
            if (user.pk, permission) not in checked:
                _require(user, permission)
                checked.add((user.pk, permission))
        problems = _historic_errors(row, now, levels)
        if problems:
            raise ValidationError(f"Contact {index + 1}: " + "; ".join(problems))
    return sorted(rows, key=lambda r: r.received_at)


@transaction.atomic
def bulk_record_decided_contacts(*, actor: User, rows: Sequence[HistoricContact]) -> list[Contact]:
    """Record many already-decided contacts at once (history import and demo data).

    The same rules as `record_contact` → `screen_contact` → `confirm_decision` apply (same
    clocks, validation, one open referral per child, frequent-contact flag, status history,
    audit), written with a few bulk inserts. Rows are processed in received order.
    """
    rows = _checked_historic_rows(actor, rows)
    person_ids = {pid for row in rows for pid in row.person_ids}
    contact_dates: dict[int, list[date]] = defaultdict(list)
    for pid, earlier in ContactChild.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "contact__received_at"
    ):
        contact_dates[pid].append(clocks.local_time(earlier).date())
    open_referral_of: dict[int, Referral] = {
        r.person_id: r for r in Referral.objects.filter(person_id__in=person_ids, status=ReferralStatus.OPEN)
    }
    contacts = [_historic_contact(row, actor) for row in rows]
    Contact.objects.bulk_create(contacts, batch_size=BULK_BATCH)
    history: list[ContactStatusChange] = []
    links: list[ContactChild] = []
    new_referrals: list[tuple[Referral, HistoricContact]] = []
    link_referral: list[tuple[ContactChild, Referral]] = []
    events = []
    for row, contact in zip(rows, contacts, strict=True):
        history += [
            ContactStatusChange(
                contact=contact,
                status=ContactStatus.RECEIVED,
                event="receive",
                occurred_at=row.received_at,
                recorded_by=actor,
            ),
            ContactStatusChange(
                contact=contact,
                status=ContactStatus.SCREENED,
                event="screen",
                occurred_at=row.screened_at,
                recorded_by=row.screened_by,
                reason=row.screening_summary,
            ),
            ContactStatusChange(
                contact=contact,
                status=ContactStatus.DECIDED,
                event="confirm",
                occurred_at=row.decided_at,
                recorded_by=row.decided_by,
                reason=row.manager_rationale,
            ),
        ]
        received = clocks.local_time(row.received_at).date()
        for pid in row.person_ids:
            contact_dates[pid].append(received)
            link = ContactChild(
                contact=contact,
                person_id=pid,
                frequent_contacts=clocks.has_frequent_contacts(contact_dates[pid], received),
            )
            links.append(link)
            if row.decision not in REFERRAL_DECISIONS:
                continue
            current = open_referral_of.get(pid)
            if current is not None and (current.closure_date is None or current.closure_date >= received):
                link_referral.append((link, current))
                continue
            referral = Referral(
                person_id=pid,
                referral_date=received,
                received_at=row.received_at,
                source=row.source,
                primary_need=row.primary_need,
                contact=contact,
                created_by=row.decided_by,
            )
            if row.closure and row.closure[0] >= received:
                referral.closure_date, referral.closure_reason = row.closure
                # Closed within days, before any assessment could exist: a referral with no
                # further action (CIN census ReferralNFA).
                referral.referral_nfa = (row.closure[0] - received).days < 10
                referral.status = ReferralStatus.CLOSED
            open_referral_of[pid] = referral
            new_referrals.append((referral, row))
            link_referral.append((link, referral))
        events.append(
            auditor.event(
                actor=actor, action=AuditAction.CREATE, obj=contact, summary="Imported a decided contact"
            )
        )
    ContactStatusChange.objects.bulk_create(history, batch_size=BULK_BATCH)
    Referral.objects.bulk_create([r for r, _ in new_referrals], batch_size=BULK_BATCH)
    for link, referral in link_referral:
        link.referral = referral
    ContactChild.objects.bulk_create(links, batch_size=BULK_BATCH)
    referral_history = []
    for referral, row in new_referrals:
        referral_history += _historic_referral_history(referral, row)
        events.append(
            auditor.event(
                actor=actor,
                action=AuditAction.CREATE,
                person=referral.person_id,
                obj=referral,
                summary="Imported a referral (child in need episode)",
            )
        )
    ReferralStatusChange.objects.bulk_create(referral_history, batch_size=BULK_BATCH)
    auditor.record_many(events)
    return contacts


@transaction.atomic
def record_step_up_contact(*, actor: User, person: Person, received_at: datetime, concern: str) -> Contact:
    """Early help steps a child up: a contact at the front door, source 5D (LA early help).

    Called by `early_help.services.step_up`; an early help worker may do this without the
    front door's own permission to record contacts.
    """
    if not (
        actor.has_perm(Permission.MANAGE_EARLY_HELP.value) or actor.has_perm(Permission.RECORD_CONTACT.value)
    ):
        raise PermissionDenied(Permission.MANAGE_EARLY_HELP.value)
    return _create_contact(
        actor=actor,
        received_at=received_at,
        channel=Channel.PORTAL,
        source="5D",
        concern=concern,
        consent=Consent.GIVEN,
        children=[person],
        referrer_name=actor.display_name,
        referrer_agency="Early help",
        referrer_contact_details=actor.email,
        consent_notes="",
    )
