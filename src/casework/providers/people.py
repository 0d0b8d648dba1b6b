"""Chronology events from the person record: birth, record created, names, addresses,
relationships and alerts."""

from typing import Any

from django.db.models import Q
from django.urls import reverse

from codes import person as codes
from core.presenters import RESTRICTED_NAME
from people.access import active_restriction
from people.models import INVERSE_LABELS, Alert, Person, PersonName, PersonRelationship

from ..chronology.events import Kind
from ..chronology.sources import Event, Source

ENDED = Q(end_date__isnull=False)


def _page(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def _link(row: Any) -> str:
    """The person page of the row's child."""
    return _page(row.person_id)


def _name(name: PersonName) -> str:
    return f"Stopped using the name {name}." if name.used_to else f"{name.get_kind_display()}: {name}."


def _relationship_seen_by(end: str) -> tuple[Event[PersonRelationship], ...]:
    """A relationship's events in the chronology of the person at its `end` ("person_b": "X
    recorded as mother"; "person_a": the inverse, keyed ":inverse"): recorded, and ended."""
    inverse = end == "person_a"
    suffix = ":inverse" if inverse else ""

    def sides(rel: PersonRelationship) -> tuple[Person, str, str]:
        """This end's person, the other's name as shown, and the relationship's label. A
        restricted relative is never named: the chronology is read and exported beside
        the record, by people the restriction does not let in."""
        if inverse:
            me, other, label = (
                rel.person_a,
                rel.person_b,
                INVERSE_LABELS.get(rel.type, rel.get_type_display()),
            )
        else:
            me, other, label = rel.person_b, rel.person_a, rel.get_type_display()
        return me, RESTRICTED_NAME if active_restriction(other) else other.display_name, label

    def recorded(rel: PersonRelationship) -> str:
        _, other, label = sides(rel)
        lives = " (lives with them)." if rel.lives_with else "."
        return f"{other} recorded as {label.lower()}{lives}"

    def ended(rel: PersonRelationship) -> str:
        _, other, label = sides(rel)
        return f"Relationship with {other} ({label.lower()}) ended."

    def link(rel: PersonRelationship) -> str:
        return _page(sides(rel)[0].pk)

    return (
        Event(
            person=end,
            kind=Kind.FAMILY,
            on=lambda rel: rel.start_date or rel.created_at,
            title="Relationship recorded",
            summary=recorded,
            suffix=suffix,
            link=link,
        ),
        Event(
            when=ENDED,
            person=end,
            kind=Kind.FAMILY,
            on="end_date",
            title="Relationship ended",
            summary=ended,
            suffix=f"{suffix}:ended",
            link=link,
        ),
    )


def _alert(alert: Alert) -> str:
    return codes.ALERT_KIND.label(alert.kind)


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "people.Person",
        (
            Event.once(
                on="date_of_birth",
                title="Born",
                summary=lambda person: f"{person.given_name} was born.",
                suffix=":born",
                link=lambda person: _page(person.pk),
            ),
            Event(
                on="created_at",
                title="Record created",
                summary=lambda person: f"Harbour record {person.la_child_id} created.",
                suffix=":created",
                link=lambda person: _page(person.pk),
            ),
        ),
        person="pk",
        kind=Kind.IDENTITY,
    ),
    Source(
        "people.PersonName",
        (
            Event(
                on=lambda name: name.used_to or name.used_from or name.created_at,
                title=lambda name: f"Name recorded: {name.get_kind_display().lower()}",
                summary=_name,
                link=_link,
            ),
        ),
        kind=Kind.IDENTITY,
    ),
    Source(
        "people.Address",
        (
            Event(
                on="start_date",
                title="Moved address",
                summary=lambda address: (
                    f"Started living at {address.town} {address.postcode} "
                    f"({codes.ADDRESS_KIND.label(address.kind).lower()})."
                ),
                link=_link,
            ),
        ),
        kind=Kind.IDENTITY,
    ),
    # Each relationship is an event for both its people: "X recorded as mother" and its inverse.
    Source(
        "people.PersonRelationship",
        _relationship_seen_by("person_b") + _relationship_seen_by("person_a"),
        select=("person_a", "person_b", "person_a__restriction", "person_b__restriction"),
    ),
    Source(
        "people.Alert",
        (
            Event(
                on="start_date",
                title=lambda alert: f"Alert added: {_alert(alert)}",
                summary=lambda alert: alert.details.split("\n", 1)[0][:200] or _alert(alert),
                link=_link,
            ),
            Event(
                when=ENDED,
                on="end_date",
                title=lambda alert: f"Alert ended: {_alert(alert)}",
                summary=lambda alert: f"{_alert(alert)} alert no longer applies.",
                suffix=":ended",
                link=_link,
            ),
        ),
        kind=Kind.ALERT,
    ),
)
