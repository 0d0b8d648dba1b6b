"""The family network: who is whose parent, sibling, carer …

`add_relationship` records one relationship and `bulk_add_relationships` many, in the order
given, in a few queries (the demo generator); both refuse through `_check`. Each
relationship is audited on both people's records.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_before

from ..models import Person, PersonRelationship
from ._batches import BATCH, in_chunks


@dataclass(frozen=True)
class NewRelationship:
    """One row for `bulk_add_relationships`: `person_a` is `person_b`'s <type>."""

    person_a: Person
    person_b: Person
    type: str
    parental_responsibility: bool = False
    lives_with: bool = False
    start_date: date | None = None
    notes: str = ""


def _open_relationships(person_ids: Iterable[int]) -> set[tuple[int, int, str]]:
    """(person_a, person_b, type) of every current relationship of these people as person A."""
    found: set[tuple[int, int, str]] = set()
    for chunk in in_chunks(sorted(person_ids)):
        rows = PersonRelationship.objects.filter(person_a_id__in=chunk, end_date__isnull=True)
        found.update(rows.values_list("person_a_id", "person_b_id", "type"))
    return found


def _check(item: NewRelationship, recorded: set[tuple[int, int, str]]) -> None:
    """Refuse a relationship with oneself, or one `recorded` already either way round."""
    a, b = item.person_a.pk, item.person_b.pk
    if a == b:
        raise ValidationError({"other": "A person cannot be related to themselves"})
    if (a, b, item.type) in recorded or (b, a, item.type) in recorded:
        raise ValidationError({"type": "This relationship is already recorded"})


def _row(actor: User, item: NewRelationship) -> PersonRelationship:
    return PersonRelationship(
        person_a=item.person_a,
        person_b=item.person_b,
        type=item.type,
        parental_responsibility=item.parental_responsibility,
        lives_with=item.lives_with,
        start_date=item.start_date,
        notes=item.notes.strip(),
        created_by=actor,
    )


def _audit(
    actor: User, rel: PersonRelationship, summary: str, changes: dict[str, object]
) -> list[auditor.PendingEvent]:
    """The relationship's audit row on each of the two people's records."""
    return [
        auditor.event(
            actor=actor, action=AuditAction.UPDATE, person=subject, obj=rel, summary=summary, changes=changes
        )
        for subject in (rel.person_a_id, rel.person_b_id)
    ]


def _added_events(actor: User, rel: PersonRelationship) -> list[auditor.PendingEvent]:
    changes: dict[str, object] = {
        "person_a": rel.person_a_id,
        "person_b": rel.person_b_id,
        "type": rel.type,
        "parental_responsibility": rel.parental_responsibility,
    }
    return _audit(actor, rel, f"Added relationship: {rel.get_type_display()}", changes)


@transaction.atomic
def add_relationship(
    *,
    actor: User,
    person_a: Person,
    person_b: Person,
    type: str,  # noqa: A002 - the domain's word
    parental_responsibility: bool = False,
    lives_with: bool = False,
    start_date: date | None = None,
    notes: str = "",
) -> PersonRelationship:
    """Record that `person_a` is `person_b`'s <type> (e.g. A is B's parent)."""
    require(actor, Permission.MANAGE_RELATIONSHIPS)
    item = NewRelationship(
        person_a=person_a,
        person_b=person_b,
        type=type,
        parental_responsibility=parental_responsibility,
        lives_with=lives_with,
        start_date=start_date,
        notes=notes,
    )
    _check(item, _open_relationships({person_a.pk, person_b.pk}))
    rel = _row(actor, item)
    rel.save()
    auditor.record_many(_added_events(actor, rel))
    changed(person_a, person_b)
    return rel


@transaction.atomic
def bulk_add_relationships(*, actor: User, items: Sequence[NewRelationship]) -> list[PersonRelationship]:
    """`add_relationship` for many rows, in the order given, in a few queries."""
    require(actor, Permission.MANAGE_RELATIONSHIPS)
    recorded = _open_relationships({pk for item in items for pk in (item.person_a.pk, item.person_b.pk)})
    rows: list[PersonRelationship] = []
    for item in items:
        _check(item, recorded)
        recorded.add((item.person_a.pk, item.person_b.pk, item.type))
        rows.append(_row(actor, item))
    PersonRelationship.objects.bulk_create(rows, batch_size=BATCH)
    auditor.record_many([event for rel in rows for event in _added_events(actor, rel)])
    changed(*(person for item in items for person in (item.person_a, item.person_b)))
    return rows


@transaction.atomic
def end_relationship(*, actor: User, relationship: PersonRelationship, end_date: date) -> None:
    require(actor, Permission.MANAGE_RELATIONSHIPS)
    not_before(
        "end_date", end_date, relationship.start_date, "The end date must be on or after the start date"
    )
    relationship.end_date = end_date
    relationship.save(update_fields=["end_date"])
    auditor.record_many(_audit(actor, relationship, "Ended a relationship", {"end_date": [None, end_date]}))
    changed(relationship.person_a_id, relationship.person_b_id)
