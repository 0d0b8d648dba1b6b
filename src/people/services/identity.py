"""Who a person is: creating their record with a never-reused Harbour ID, and changing their
identity details, names, disabilities and immigration status.

`create_person` records one person and `bulk_create_people` many in a few queries (the demo
generator); both raise from the same rules (`people.rules`) and index and audit each
record the same way.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.versioning import StaleEdit

from ..models import Address, ImmigrationStatus, NameKey, NameKind, Person, PersonDisability, PersonName
from ..rules import (
    NewAddress,
    address_row,
    apply_details,
    check_details,
    disability_codes,
    name_row,
    new_person,
    next_la_child_ids,
    snapshot,
)
from ..search import name_keys, reindex_names
from ._batches import BATCH


@dataclass(frozen=True)
class NewPerson:
    """One record for `bulk_create_people`: what `create_person` takes."""

    data: Mapping[str, Any]
    address: NewAddress | None = None
    disabilities: Sequence[str] = ()


def _created_event(actor: User, person: Person) -> auditor.PendingEvent:
    return auditor.event(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=person,
        summary="Created the record",
        changes=auditor.diff({}, {k: v for k, v in snapshot(person).items() if v not in ("", None)}),
    )


@transaction.atomic
def create_person(
    *,
    actor: User,
    data: Mapping[str, Any],
    address: NewAddress | None = None,
    disabilities: Sequence[str] = (),
) -> Person:
    """Create a person record with a new, never-reused Harbour ID, their first address (part
    of the record's creation) and disabilities."""
    require(actor, Permission.CREATE_PERSON)
    person = new_person(data, created_by=actor)
    codes = disability_codes(disabilities)
    person.la_child_id = next_la_child_ids(1)[0]
    person.save()
    if address is not None:
        address_row(person, address, created_by=actor).save()
    PersonDisability.objects.bulk_create(PersonDisability(person=person, code=c) for c in codes)
    NameKey.objects.bulk_create(name_keys(person))
    auditor.record_many([_created_event(actor, person)])
    changed(person)
    return person


@transaction.atomic
def bulk_create_people(*, actor: User, rows: Sequence[NewPerson]) -> list[Person]:
    """`create_person` for many records in a few queries; all rows or none are saved."""
    require(actor, Permission.CREATE_PERSON)
    people = [new_person(row.data, created_by=actor) for row in rows]
    codes = [disability_codes(row.disabilities) for row in rows]
    if not people:
        return []
    for person, la_child_id in zip(people, next_la_child_ids(len(people)), strict=True):
        person.la_child_id = la_child_id
    Person.objects.bulk_create(people, batch_size=BATCH)
    Address.objects.bulk_create(
        [
            address_row(person, row.address, created_by=actor)
            for person, row in zip(people, rows, strict=True)
            if row.address is not None
        ],
        batch_size=BATCH,
    )
    PersonDisability.objects.bulk_create(
        [PersonDisability(person=p, code=c) for p, chosen in zip(people, codes, strict=True) for c in chosen],
        batch_size=BATCH,
    )
    NameKey.objects.bulk_create([key for p in people for key in name_keys(p)], batch_size=BATCH)
    auditor.record_many([_created_event(actor, p) for p in people])
    changed(*people)
    return people


@transaction.atomic
def update_person(*, actor: User, person: Person, data: Mapping[str, Any], expected_version: int) -> Person:
    """Change identity details. Refuses if the record changed since the user opened it."""
    require(actor, Permission.EDIT_PERSON)
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    before = snapshot(current)
    old_name = (current.given_name, current.family_name)
    apply_details(current, data)
    check_details(current)
    changes = auditor.diff(before, snapshot(current))
    if not changes:
        return current
    current.version += 1
    current.save()
    if (current.given_name, current.family_name) != old_name:
        name_row(current, NameKind.PREVIOUS, *old_name, used_to=timezone.localdate()).save()
    reindex_names(current)
    audit_and_tell(actor, AuditAction.UPDATE, current, current, "Changed identity details", changes=changes)
    return current


@transaction.atomic
def set_disabilities(*, actor: User, person: Person, codes_: Iterable[str]) -> list[str]:
    require(actor, Permission.EDIT_PERSON)
    chosen = disability_codes(codes_)
    before = sorted(person.disabilities.values_list("code", flat=True))  # type: ignore[attr-defined]
    if before == chosen:
        return chosen
    PersonDisability.objects.filter(person=person).delete()
    PersonDisability.objects.bulk_create(PersonDisability(person=person, code=c) for c in chosen)
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        person,
        None,
        "Changed disabilities",
        changes={"disabilities": [before, chosen]},
    )
    return chosen


@transaction.atomic
def add_name(
    *,
    actor: User,
    person: Person,
    kind: str,
    given_name: str,
    family_name: str,
    used_from: date | None = None,
    used_to: date | None = None,
) -> PersonName:
    require(actor, Permission.EDIT_PERSON)
    name = name_row(
        person, kind, given_name.strip(), family_name.strip(), used_from=used_from, used_to=used_to
    )
    name.save()
    reindex_names(person)
    audit_and_tell(actor, AuditAction.UPDATE, person, name, f"Added {name.get_kind_display().lower()}")
    return name


@transaction.atomic
def add_immigration_status(
    *, actor: User, person: Person, status: str, start_date: date, end_date: date | None = None
) -> ImmigrationStatus:
    """Record an immigration status; the current one that began earlier ends as it starts."""
    require(actor, Permission.EDIT_PERSON)
    ImmigrationStatus.objects.filter(person=person, end_date__isnull=True, start_date__lt=start_date).update(
        end_date=start_date
    )
    row = ImmigrationStatus.objects.create(
        person=person, status=status, start_date=start_date, end_date=end_date
    )
    audit_and_tell(actor, AuditAction.UPDATE, person, row, "Recorded immigration status")
    return row
