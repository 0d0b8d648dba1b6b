"""Contacts: recording what the front door received, about which children."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind, User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core import services as core_services
from core.workflow import Step, opening_row
from people import services as people_services
from people.models import Person

from .. import clocks, rules
from ..machines import CONTACT
from ..models import Channel, Consent, Contact, ContactChild, ContactStatus, ContactStatusChange


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


def _frequent(received_at: datetime, earlier: Iterable[datetime]) -> bool:
    """Whether the child's contacts received up to this one (`earlier`: the child's other
    contacts) make three or more in 30 days."""
    received = clocks.local_time(received_at).date()
    dates = [clocks.local_time(c).date() for c in earlier if c <= received_at]
    return clocks.has_frequent_contacts([*dates, received], received)


def _link_child(*, actor: User, contact: Contact, person: Person, notify: bool = True) -> ContactChild:
    errors = rules.child_link_errors(
        record_type=person.record_type,
        already_on_contact=ContactChild.objects.filter(contact=contact, person=person).exists(),
    )
    if errors:
        raise ValidationError(errors)
    earlier = (
        Contact.objects.filter(child_links__person=person, received_at__lte=contact.received_at)
        .exclude(pk=contact.pk)
        .values_list("received_at", flat=True)
    )
    frequent = _frequent(contact.received_at, earlier)
    link = ContactChild.objects.create(contact=contact, person=person, frequent_contacts=frequent)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        link,
        "Contact received about the child",
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


def _new_contact(
    *,
    actor: User,
    received_at: datetime,
    channel: str,
    source: str,
    concern: str,
    consent: str,
    consent_notes: str,
    referrer_name: str = "",
    referrer_agency: str = "",
    referrer_contact_details: str = "",
) -> tuple[Contact, ContactStatusChange]:
    """A contact checked by the contact rules, with its decision deadline and the first row
    of its history, neither yet saved."""
    contact = Contact(
        received_at=received_at,
        channel=channel,
        source=source,
        referrer_name=referrer_name.strip(),
        referrer_agency=referrer_agency.strip(),
        referrer_contact_details=referrer_contact_details.strip(),
        concern=concern.strip(),
        consent=consent,
        consent_notes=consent_notes.strip(),
        created_by=actor,
    )
    errors = rules.contact_errors(contact, now=timezone.now())
    if errors:
        raise ValidationError(errors)
    deadline = clocks.decision_deadline(received_at)
    contact.out_of_hours = clocks.is_out_of_hours(received_at)
    contact.decision_due, contact.calendar_version = deadline.statutory_due, deadline.calendar_version
    received = opening_row(contact, Step("receive", actor, received_at), **CONTACT)
    return contact, received  # type: ignore[return-value]


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
    require(actor, Permission.RECORD_CONTACT)
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
    *, actor: User, children: Sequence[Person], notify: bool = True, **details: Any
) -> Contact:
    """Shared by `record_contact` and early help's step-up (which checks its own permission);
    `details` are `_new_contact`'s."""
    contact, received = _new_contact(actor=actor, **details)
    contact.save()
    received.save()
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        summary="Recorded a contact",
        changes={
            "received_at": contact.received_at,
            "channel": contact.channel,
            "source": contact.source,
            "out_of_hours": contact.out_of_hours,
        },
    )
    for person in children:
        _link_child(actor=actor, contact=contact, person=person, notify=notify)
    return contact


@transaction.atomic
def add_child_to_contact(*, actor: User, contact: Contact, person: Person) -> ContactChild:
    """Add another child of the family to a contact not yet decided."""
    require(actor, Permission.RECORD_CONTACT)
    if contact.status == ContactStatus.DECIDED:
        raise ValidationError({"person": "Children cannot be added once the decision is made"})
    return _link_child(actor=actor, contact=contact, person=person)


@transaction.atomic
def create_child_for_contact(*, actor: User, contact: Contact, data: Mapping[str, Any]) -> Person:
    """Create a new child record (after the duplicate check) and add them to the contact."""
    require(actor, Permission.RECORD_CONTACT)
    person = people_services.create_person(actor=actor, data={**data, "record_type": "CHILD"})
    add_child_to_contact(actor=actor, contact=contact, person=person)
    return person


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
