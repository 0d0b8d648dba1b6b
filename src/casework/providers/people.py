"""Chronology events from the person record: birth, record created, names, addresses,
relationships and alerts."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse

from codes import person as codes
from people.models import INVERSE_LABELS

from ..chronology import ChronologyEvent, Kind, Source


def _link(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def _person_events(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for person in rows:
        if person.date_of_birth:
            yield ChronologyEvent(
                person_id=person.pk,
                occurred_on=person.date_of_birth,
                kind=Kind.IDENTITY,
                title="Born",
                summary=f"{person.given_name} was born.",
                source="people.Person",
                source_key=f"people.Person:{person.pk}:born",
                link=_link(person.pk),
            )
        yield ChronologyEvent(
            person_id=person.pk,
            occurred_on=person.created_at,
            kind=Kind.IDENTITY,
            title="Record created",
            summary=f"Harbour record {person.la_child_id} created.",
            source="people.Person",
            source_key=f"people.Person:{person.pk}:created",
            link=_link(person.pk),
        )


def _name_events(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for name in rows:
        when = name.used_to or name.used_from or name.created_at
        yield ChronologyEvent(
            person_id=name.person_id,
            occurred_on=when,
            kind=Kind.IDENTITY,
            title=f"Name recorded: {name.get_kind_display().lower()}",
            summary=(
                f"Stopped using the name {name}." if name.used_to else f"{name.get_kind_display()}: {name}."
            ),
            source="people.PersonName",
            source_key=f"people.PersonName:{name.pk}",
            link=_link(name.person_id),
        )


def _address_events(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for address in rows:
        kind = codes.ADDRESS_KIND.label(address.kind).lower()
        yield ChronologyEvent(
            person_id=address.person_id,
            occurred_on=address.start_date,
            kind=Kind.IDENTITY,
            title="Moved address",
            summary=f"Started living at {address.town} {address.postcode} ({kind}).",
            source="people.Address",
            source_key=f"people.Address:{address.pk}",
            link=_link(address.person_id),
        )


def _relationship_events(rows: Any, ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for rel in rows:
        for me, other, label in (
            (rel.person_b, rel.person_a, rel.get_type_display()),
            (rel.person_a, rel.person_b, INVERSE_LABELS.get(rel.type, rel.get_type_display())),
        ):
            if me.pk not in ids:
                continue
            suffix = "" if me is rel.person_b else ":inverse"
            yield ChronologyEvent(
                person_id=me.pk,
                occurred_on=rel.start_date or rel.created_at,
                kind=Kind.FAMILY,
                title="Relationship recorded",
                summary=f"{other.display_name} recorded as {label.lower()}"
                + (" (lives with them)." if rel.lives_with else "."),
                source="people.PersonRelationship",
                source_key=f"people.PersonRelationship:{rel.pk}{suffix}",
                link=_link(me.pk),
            )
            if rel.end_date:
                yield ChronologyEvent(
                    person_id=me.pk,
                    occurred_on=rel.end_date,
                    kind=Kind.FAMILY,
                    title="Relationship ended",
                    summary=f"Relationship with {other.display_name} ({label.lower()}) ended.",
                    source="people.PersonRelationship",
                    source_key=f"people.PersonRelationship:{rel.pk}{suffix}:ended",
                    link=_link(me.pk),
                )


def _alert_events(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for alert in rows:
        label = codes.ALERT_KIND.label(alert.kind)
        yield ChronologyEvent(
            person_id=alert.person_id,
            occurred_on=alert.start_date,
            kind=Kind.ALERT,
            title=f"Alert added: {label}",
            summary=(alert.details.split("\n", 1)[0][:200] or label),
            source="people.Alert",
            source_key=f"people.Alert:{alert.pk}",
            link=_link(alert.person_id),
        )
        if alert.end_date:
            yield ChronologyEvent(
                person_id=alert.person_id,
                occurred_on=alert.end_date,
                kind=Kind.ALERT,
                title=f"Alert ended: {label}",
                summary=f"{label} alert no longer applies.",
                source="people.Alert",
                source_key=f"people.Alert:{alert.pk}:ended",
                link=_link(alert.person_id),
            )


ENDED = Q(end_date__isnull=False)

SOURCES = (
    Source("people.Person", _person_events, person="pk", extra=(Q(date_of_birth__isnull=False),)),
    Source("people.PersonName", _name_events),
    Source("people.Address", _address_events),
    # Each relationship seen from both ends: "X recorded as mother" and its inverse.
    Source(
        "people.PersonRelationship",
        _relationship_events,
        person=("person_b", "person_a"),
        extra=(ENDED,),
        select=("person_a", "person_b"),
    ),
    Source("people.Alert", _alert_events, extra=(ENDED,)),
)
