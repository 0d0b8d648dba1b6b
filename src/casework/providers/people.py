"""Chronology events from the person record: birth, record created, names, addresses,
relationships and alerts."""

from django.db.models import Q
from django.urls import reverse

from codes import person as codes
from core.presenters import RESTRICTED_NAME
from people.access import active_restriction
from people.models import INVERSE_LABELS, Address, Alert, Person, PersonName, PersonRelationship

from ..chronology.events import ChronologyEvent, Kind
from ..chronology.sources import Event, Source

ENDED = Q(end_date__isnull=False)


def _link(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def _born(person: Person) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=person.pk,
        occurred_on=person.date_of_birth,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.IDENTITY,
        title="Born",
        summary=f"{person.given_name} was born.",
        source="people.Person",
        source_key=f"people.Person:{person.pk}:born",
        link=_link(person.pk),
    )


def _record_created(person: Person) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=person.pk,
        occurred_on=person.created_at,
        kind=Kind.IDENTITY,
        title="Record created",
        summary=f"Harbour record {person.la_child_id} created.",
        source="people.Person",
        source_key=f"people.Person:{person.pk}:created",
        link=_link(person.pk),
    )


def _name(name: PersonName) -> ChronologyEvent:
    when = name.used_to or name.used_from or name.created_at
    return ChronologyEvent(
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


def _address(address: Address) -> ChronologyEvent:
    kind = codes.ADDRESS_KIND.label(address.kind).lower()
    return ChronologyEvent(
        person_id=address.person_id,
        occurred_on=address.start_date,
        kind=Kind.IDENTITY,
        title="Moved address",
        summary=f"Started living at {address.town} {address.postcode} ({kind}).",
        source="people.Address",
        source_key=f"people.Address:{address.pk}",
        link=_link(address.person_id),
    )


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

    def recorded(rel: PersonRelationship) -> ChronologyEvent:
        me, other, label = sides(rel)
        return ChronologyEvent(
            person_id=me.pk,
            occurred_on=rel.start_date or rel.created_at,
            kind=Kind.FAMILY,
            title="Relationship recorded",
            summary=f"{other} recorded as {label.lower()}"
            + (" (lives with them)." if rel.lives_with else "."),
            source="people.PersonRelationship",
            source_key=f"people.PersonRelationship:{rel.pk}{suffix}",
            link=_link(me.pk),
        )

    def ended(rel: PersonRelationship) -> ChronologyEvent:
        me, other, label = sides(rel)
        return ChronologyEvent(
            person_id=me.pk,
            occurred_on=rel.end_date,  # type: ignore[arg-type]  # only rows with one
            kind=Kind.FAMILY,
            title="Relationship ended",
            summary=f"Relationship with {other} ({label.lower()}) ended.",
            source="people.PersonRelationship",
            source_key=f"people.PersonRelationship:{rel.pk}{suffix}:ended",
            link=_link(me.pk),
        )

    return (Event(recorded, person=end), Event(ended, when=ENDED, person=end))


def _alert_added(alert: Alert) -> ChronologyEvent:
    label = codes.ALERT_KIND.label(alert.kind)
    return ChronologyEvent(
        person_id=alert.person_id,
        occurred_on=alert.start_date,
        kind=Kind.ALERT,
        title=f"Alert added: {label}",
        summary=(alert.details.split("\n", 1)[0][:200] or label),
        source="people.Alert",
        source_key=f"people.Alert:{alert.pk}",
        link=_link(alert.person_id),
    )


def _alert_ended(alert: Alert) -> ChronologyEvent:
    label = codes.ALERT_KIND.label(alert.kind)
    return ChronologyEvent(
        person_id=alert.person_id,
        occurred_on=alert.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.ALERT,
        title=f"Alert ended: {label}",
        summary=f"{label} alert no longer applies.",
        source="people.Alert",
        source_key=f"people.Alert:{alert.pk}:ended",
        link=_link(alert.person_id),
    )


SOURCES = (
    Source(
        "people.Person",
        (Event(_born, when=Q(date_of_birth__isnull=False)), Event(_record_created)),
        person="pk",
    ),
    Source("people.PersonName", (Event(_name),)),
    Source("people.Address", (Event(_address),)),
    # Each relationship is an event for both its people: "X recorded as mother" and its inverse.
    Source(
        "people.PersonRelationship",
        _relationship_seen_by("person_b") + _relationship_seen_by("person_a"),
        select=("person_a", "person_b", "person_a__restriction", "person_b__restriction"),
    ),
    Source("people.Alert", (Event(_alert_added), Event(_alert_ended, when=ENDED))),
)
