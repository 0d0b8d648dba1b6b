"""Changes to person records. Each takes the acting user, runs in one transaction and
writes the audit. Views and the demo generator call these; nothing else writes people."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from core.versioning import StaleEdit

from .models import (
    Address,
    Alert,
    IdentifierSequence,
    ImmigrationStatus,
    MergeRecord,
    NameKey,
    NameKind,
    Person,
    PersonDisability,
    PersonName,
    PersonRelationship,
    RecordRestriction,
    RecordStatus,
)
from .names import normalise, phonetic_keys
from .validators import normalise_postcode

PERSON_FIELDS = (
    "record_type",
    "given_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "expected_date_of_birth",
    "date_of_death",
    "sex",
    "gender",
    "gender_description",
    "ethnicity",
    "religion",
    "first_language",
    "interpreter_required",
    "communication_needs",
    "identity_notes",
    "nhs_number",
    "upn",
    "former_upn",
    "upn_unknown_reason",
)


def _snapshot(person: Person) -> dict[str, Any]:
    return model_to_dict(person, fields=PERSON_FIELDS)


def next_la_child_ids(count: int) -> list[str]:
    """Reserve `count` new LA child identifiers. An identifier is never issued twice."""
    prefix = settings.HARBOUR_AUTHORITY["child_id_prefix"]
    with transaction.atomic():
        seq, _ = IdentifierSequence.objects.select_for_update().get_or_create(name="la_child_id")
        start = seq.last_value + 1
        seq.last_value += count
        seq.save(update_fields=["last_value"])
    return [f"{prefix}{n:07d}" for n in range(start, start + count)]


def _name_keys(person: Person, names: Iterable[tuple[str, str]]) -> list[NameKey]:
    wanted: set[tuple[str, str]] = set()
    for given, family in names:
        wanted |= {("GIVEN", k) for k in phonetic_keys(given)}
        wanted |= {("FAMILY", k) for k in phonetic_keys(family)}
    return [NameKey(person=person, part=part, key=key) for part, key in sorted(wanted)]


def _own_names(person: Person) -> list[tuple[str, str]]:
    names = [(person.given_name, person.family_name)]
    if person.preferred_name:
        names.append((person.preferred_name, person.family_name))
    return names


def _all_names(person: Person) -> list[tuple[str, str]]:
    others = [(n.given_name, n.family_name) for n in person.other_names.all()]  # type: ignore[attr-defined]
    return _own_names(person) + others


def reindex_names(person: Person) -> None:
    """Rebuild a person's search keys from their current and other names."""
    NameKey.objects.filter(person=person).delete()
    NameKey.objects.bulk_create(_name_keys(person, _all_names(person)))


def _apply(person: Person, data: Mapping[str, Any]) -> None:
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            setattr(person, name, "" if value is None and name not in _NULLABLE else value)
    person.given_name_norm = normalise(person.given_name)
    person.family_name_norm = normalise(person.family_name)


_NULLABLE = {"date_of_birth", "expected_date_of_birth", "date_of_death"}


def _validate(person: Person) -> None:
    if person.date_of_birth and person.expected_date_of_birth:
        raise ValidationError(
            {"expected_date_of_birth": "Record a date of birth or an expected date, not both"}
        )
    if person.date_of_death and person.date_of_birth and person.date_of_death < person.date_of_birth:
        raise ValidationError({"date_of_death": "Date of death must be after the date of birth"})
    if person.former_upn and person.former_upn == person.upn:
        raise ValidationError({"former_upn": "The former UPN must differ from the current UPN"})


@dataclass(frozen=True)
class NewAddress:
    line_1: str
    town: str
    postcode: str
    start_date: date
    line_2: str = ""
    kind: str = "HOME"


@transaction.atomic
def create_person(
    *,
    actor: User,
    data: Mapping[str, Any],
    address: NewAddress | None = None,
    disabilities: Sequence[str] = (),
) -> Person:
    """Create a person record with a new, never-reused Harbour ID."""
    row = NewPerson(data=data, address=address, disabilities=tuple(disabilities))
    return bulk_create_people(actor=actor, rows=[row])[0]


# --- bulk writes: the single-record services above and below are these, for one row ------
#
# They need a database that returns keys from a bulk insert (PostgreSQL; SQLite 3.35+).

BULK_BATCH = 2000
_IN_CHUNK = 500  # ids per `__in` lookup, well inside every backend's parameter limit


def _chunks(values: Sequence[int], size: int = _IN_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True)
class NewPerson:
    """One record for `bulk_create_people`: what `create_person` takes."""

    data: Mapping[str, Any]
    address: NewAddress | None = None
    disabilities: Sequence[str] = ()


def _new_person(actor: User, data: Mapping[str, Any]) -> Person:
    person = Person(created_by=actor)
    _apply(person, data)
    _validate(person)
    return person


def _created_event(actor: User, person: Person) -> auditor.PendingEvent:
    return auditor.event(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=person,
        summary="Created the record",
        changes=auditor.diff({}, {k: v for k, v in _snapshot(person).items() if v not in ("", None)}),
    )


@transaction.atomic
def bulk_create_people(*, actor: User, rows: Sequence[NewPerson]) -> list[Person]:
    """Create many person records in a few queries (imports, the demo generator).

    Each row gets exactly what `create_person` gives one record, because it is the same
    code: validation and normal forms, a never-reused Harbour ID, its address and
    disabilities, its search keys and one CREATE audit row. All rows or none are saved.
    """
    _require(actor, Permission.CREATE_PERSON)
    people = [_new_person(actor, row.data) for row in rows]
    disabilities = [_clean_disabilities(row.disabilities) for row in rows]
    if not people:
        return []
    for person, la_child_id in zip(people, next_la_child_ids(len(people)), strict=True):
        person.la_child_id = la_child_id
    Person.objects.bulk_create(people, batch_size=BULK_BATCH)
    addresses = [(p, row.address) for p, row in zip(people, rows, strict=True) if row.address is not None]
    _add_addresses(actor=actor, items=addresses, audit=False)
    PersonDisability.objects.bulk_create(
        [
            PersonDisability(person=p, code=c)
            for p, chosen in zip(people, disabilities, strict=True)
            for c in chosen
        ],
        batch_size=BULK_BATCH,
    )
    NameKey.objects.bulk_create(
        [key for p in people for key in _name_keys(p, _own_names(p))], batch_size=BULK_BATCH
    )
    auditor.record_many([_created_event(actor, p) for p in people])
    return people


@transaction.atomic
def update_person(*, actor: User, person: Person, data: Mapping[str, Any], expected_version: int) -> Person:
    """Change identity details. Refuses if the record changed since the user opened it."""
    _require(actor, Permission.EDIT_PERSON)
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    before = _snapshot(current)
    old_name = (current.given_name, current.family_name)
    _apply(current, data)
    _validate(current)
    changes = auditor.diff(before, _snapshot(current))
    if not changes:
        return current
    current.version += 1
    current.save()
    if (current.given_name, current.family_name) != old_name:
        PersonName.objects.create(
            person=current,
            kind=NameKind.PREVIOUS,
            given_name=old_name[0],
            family_name=old_name[1],
            used_to=timezone.localdate(),
            given_name_norm=normalise(old_name[0]),
            family_name_norm=normalise(old_name[1]),
        )
    reindex_names(current)
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=current,
        obj=current,
        summary="Changed identity details",
        changes=changes,
    )
    return current


def _clean_disabilities(codes_: Iterable[str]) -> list[str]:
    chosen = sorted(set(codes_))
    if "NONE" in chosen and len(chosen) > 1:
        raise ValidationError({"disabilities": "Select 'No disability' or the disabilities, not both"})
    return chosen


@transaction.atomic
def set_disabilities(*, actor: User, person: Person, codes_: Iterable[str]) -> list[str]:
    _require(actor, Permission.EDIT_PERSON)
    chosen = _clean_disabilities(codes_)
    before = sorted(person.disabilities.values_list("code", flat=True))  # type: ignore[attr-defined]
    if before == chosen:
        return chosen
    PersonDisability.objects.filter(person=person).delete()
    PersonDisability.objects.bulk_create(PersonDisability(person=person, code=c) for c in chosen)
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=person,
        summary="Changed disabilities",
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
    _require(actor, Permission.EDIT_PERSON)
    name = PersonName.objects.create(
        person=person,
        kind=kind,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        used_from=used_from,
        used_to=used_to,
        given_name_norm=normalise(given_name),
        family_name_norm=normalise(family_name),
    )
    reindex_names(person)
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=person,
        obj=name,
        summary=f"Added {name.get_kind_display().lower()}",
    )
    return name


def _address_row(*, actor: User, person: Person, address: NewAddress) -> Address:
    return Address(
        person=person,
        kind=address.kind,
        line_1=address.line_1.strip(),
        line_2=address.line_2.strip(),
        town=address.town.strip(),
        postcode=normalise_postcode(address.postcode),
        start_date=address.start_date,
        created_by=actor,
    )


def _current_addresses(person_ids: Iterable[int]) -> defaultdict[tuple[int, str], list[Address]]:
    current: defaultdict[tuple[int, str], list[Address]] = defaultdict(list)
    for chunk in _chunks(sorted(person_ids)):
        rows = Address.objects.select_for_update().filter(person_id__in=chunk, end_date__isnull=True)
        for row in rows.order_by("id"):
            current[(row.person_id, row.kind)].append(row)
    return current


def _add_addresses(*, actor: User, items: Sequence[tuple[Person, NewAddress]], audit: bool) -> list[Address]:
    """Add addresses in the order given, as if one at a time."""
    rows = [_address_row(actor=actor, person=person, address=address) for person, address in items]
    if not rows:
        return []
    current = _current_addresses({person.pk for person, _ in items})
    ended: dict[int, Address] = {}
    for row in rows:
        key = (row.person_id, row.kind)
        # A new home address ends the previous current one of the same kind the day before.
        for previous in [a for a in current[key] if a.start_date < row.start_date]:
            previous.end_date = row.start_date - timedelta(days=1)
            current[key].remove(previous)
            if previous.pk is not None:
                ended[previous.pk] = previous
        current[key].append(row)
    Address.objects.bulk_update(list(ended.values()), ["end_date"], batch_size=BULK_BATCH)
    Address.objects.bulk_create(rows, batch_size=BULK_BATCH)
    if audit:
        auditor.record_many(
            auditor.event(
                actor=actor, action=AuditAction.UPDATE, person=row.person, obj=row, summary="Added an address"
            )
            for row in rows
        )
    return rows


def _add_address(*, actor: User, person: Person, address: NewAddress, audit: bool) -> Address:
    return _add_addresses(actor=actor, items=[(person, address)], audit=audit)[0]


@transaction.atomic
def add_address(*, actor: User, person: Person, address: NewAddress) -> Address:
    _require(actor, Permission.EDIT_PERSON)
    return _add_address(actor=actor, person=person, address=address, audit=True)


@transaction.atomic
def bulk_add_addresses(*, actor: User, items: Sequence[tuple[Person, NewAddress]]) -> list[Address]:
    """`add_address` for many (person, address) pairs, in the order given, in a few queries."""
    _require(actor, Permission.EDIT_PERSON)
    return _add_addresses(actor=actor, items=items, audit=True)


@transaction.atomic
def end_address(*, actor: User, address: Address, end_date: date) -> Address:
    _require(actor, Permission.EDIT_PERSON)
    if end_date < address.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date"})
    address.end_date = end_date
    address.save(update_fields=["end_date"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=address.person,
        obj=address,
        summary="Ended an address",
        changes={"end_date": [None, end_date]},
    )
    return address


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
    item = NewRelationship(
        person_a=person_a,
        person_b=person_b,
        type=type,
        parental_responsibility=parental_responsibility,
        lives_with=lives_with,
        start_date=start_date,
        notes=notes,
    )
    return bulk_add_relationships(actor=actor, items=[item])[0]


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
    for chunk in _chunks(sorted(person_ids)):
        rows = PersonRelationship.objects.filter(person_a_id__in=chunk, end_date__isnull=True)
        found.update(rows.values_list("person_a_id", "person_b_id", "type"))
    return found


def _relationship_events(actor: User, rel: PersonRelationship) -> list[auditor.PendingEvent]:
    changes = {
        "person_a": rel.person_a_id,
        "person_b": rel.person_b_id,
        "type": rel.type,
        "parental_responsibility": rel.parental_responsibility,
    }
    summary = f"Added relationship: {rel.get_type_display()}"
    return [
        auditor.event(
            actor=actor, action=AuditAction.UPDATE, person=subject, obj=rel, summary=summary, changes=changes
        )
        for subject in (rel.person_a_id, rel.person_b_id)
    ]


@transaction.atomic
def bulk_add_relationships(*, actor: User, items: Sequence[NewRelationship]) -> list[PersonRelationship]:
    """`add_relationship` for many rows, in the order given, in a few queries."""
    _require(actor, Permission.MANAGE_RELATIONSHIPS)
    recorded = _open_relationships({pk for item in items for pk in (item.person_a.pk, item.person_b.pk)})
    rows: list[PersonRelationship] = []
    for item in items:
        a, b = item.person_a.pk, item.person_b.pk
        if a == b:
            raise ValidationError({"other": "A person cannot be related to themselves"})
        if (a, b, item.type) in recorded or (b, a, item.type) in recorded:
            raise ValidationError({"type": "This relationship is already recorded"})
        recorded.add((a, b, item.type))
        rows.append(
            PersonRelationship(
                person_a=item.person_a,
                person_b=item.person_b,
                type=item.type,
                parental_responsibility=item.parental_responsibility,
                lives_with=item.lives_with,
                start_date=item.start_date,
                notes=item.notes.strip(),
                created_by=actor,
            )
        )
    PersonRelationship.objects.bulk_create(rows, batch_size=BULK_BATCH)
    auditor.record_many([event for rel in rows for event in _relationship_events(actor, rel)])
    return rows


@transaction.atomic
def end_relationship(*, actor: User, relationship: PersonRelationship, end_date: date) -> None:
    _require(actor, Permission.MANAGE_RELATIONSHIPS)
    if relationship.start_date and end_date < relationship.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date"})
    relationship.end_date = end_date
    relationship.save(update_fields=["end_date"])
    for subject in (relationship.person_a, relationship.person_b):
        auditor.record(
            actor=actor,
            action=AuditAction.UPDATE,
            person=subject,
            obj=relationship,
            summary="Ended a relationship",
            changes={"end_date": [None, end_date]},
        )


@transaction.atomic
def add_alert(*, actor: User, person: Person, kind: str, details: str, start_date: date) -> Alert:
    _require(actor, Permission.EDIT_PERSON)
    alert = Alert.objects.create(
        person=person, kind=kind, details=details.strip(), start_date=start_date, created_by=actor
    )
    auditor.record(actor=actor, action=AuditAction.UPDATE, person=person, obj=alert, summary="Added an alert")
    return alert


@transaction.atomic
def add_immigration_status(
    *, actor: User, person: Person, status: str, start_date: date, end_date: date | None = None
) -> ImmigrationStatus:
    _require(actor, Permission.EDIT_PERSON)
    ImmigrationStatus.objects.filter(person=person, end_date__isnull=True, start_date__lt=start_date).update(
        end_date=start_date
    )
    row = ImmigrationStatus.objects.create(
        person=person, status=status, start_date=start_date, end_date=end_date
    )
    auditor.record(
        actor=actor, action=AuditAction.UPDATE, person=person, obj=row, summary="Recorded immigration status"
    )
    return row


@transaction.atomic
def restrict_record(
    *,
    actor: User,
    person: Person,
    reason: str,
    details: str,
    manager: User,
    named_users: Iterable[User],
) -> RecordRestriction:
    """Restrict a record to named users (the manager is always allowed)."""
    _require(actor, Permission.RESTRICT_RECORD)
    restriction, created = RecordRestriction.objects.update_or_create(
        person=person,
        defaults={
            "reason": reason,
            "details": details.strip(),
            "manager": manager,
            "active": True,
            "created_by": actor,
        },
    )
    users = list(named_users)
    restriction.named_users.set(users)
    auditor.record(
        actor=actor,
        action=AuditAction.RESTRICT,
        person=person,
        obj=restriction,
        summary="Restricted the record" if created else "Changed the restriction",
        changes={"reason": reason, "manager": manager.pk, "named_users": sorted(u.pk for u in users)},
    )
    return restriction


@transaction.atomic
def lift_restriction(*, actor: User, person: Person, reason: str) -> None:
    _require(actor, Permission.RESTRICT_RECORD)
    updated = RecordRestriction.objects.filter(person=person, active=True).update(active=False)
    if updated:
        auditor.record(
            actor=actor,
            action=AuditAction.RESTRICT,
            person=person,
            summary="Lifted the restriction",
            reason=reason,
        )


# Relations that merge handles itself rather than by re-pointing rows.
_MERGE_SPECIAL = {
    "merged_records",
    "merges_received",
    "merge_record",
    "name_keys",
    "restriction",
    "disabilities",
}


@transaction.atomic
def merge_people(*, actor: User, survivor: Person, duplicate: Person, reason: str) -> MergeRecord:
    """Merge `duplicate` into `survivor`: every history moves, nothing is lost.

    The duplicate record stays (status MERGED, pointing at the survivor) with its
    identifier retired, so old references and the audit still resolve. Every row that
    referred to the duplicate — names, addresses, relationships, allocations and every
    later stage's records — is re-pointed to the survivor. The survivor keeps its own
    identity details; blanks on the survivor are filled from the duplicate, and the
    duplicate's name is kept as an alias.
    """
    _require(actor, Permission.MERGE_PEOPLE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason these are the same person"})
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": "Choose two different records"})
    if RecordStatus.MERGED in (survivor.record_status, duplicate.record_status):
        raise ValidationError({"duplicate": "One of these records has already been merged"})

    snapshot = {**_snapshot(duplicate), "la_child_id": duplicate.la_child_id}
    # A relationship between the two records would become one with itself: drop it first
    # (re-pointing it would break the relationship_not_self constraint).
    PersonRelationship.objects.filter(
        models.Q(person_a=survivor, person_b=duplicate) | models.Q(person_a=duplicate, person_b=survivor)
    ).delete()
    moved = _repoint_relations(survivor, duplicate)
    moved["disabilities"] = _merge_disabilities(survivor, duplicate)
    _merge_restriction(survivor, duplicate)

    filled = _fill_blanks(survivor, duplicate)
    if (duplicate.given_name, duplicate.family_name) != (survivor.given_name, survivor.family_name):
        PersonName.objects.create(
            person=survivor,
            kind=NameKind.ALIAS,
            given_name=duplicate.given_name,
            family_name=duplicate.family_name,
            given_name_norm=normalise(duplicate.given_name),
            family_name_norm=normalise(duplicate.family_name),
        )
    survivor.version += 1
    survivor.save()
    reindex_names(survivor)

    duplicate.record_status = RecordStatus.MERGED
    duplicate.merged_into = survivor
    duplicate.version += 1
    duplicate.save(update_fields=["record_status", "merged_into", "version", "updated_at"])
    NameKey.objects.filter(person=duplicate).delete()

    record = MergeRecord.objects.create(
        survivor=survivor,
        duplicate=duplicate,
        merged_by=actor,
        merged_at=timezone.now(),
        reason=reason,
        duplicate_snapshot=auditor._jsonable(snapshot),
        moved=moved,
    )
    for subject, summary in (
        (survivor, f"Merged {duplicate.la_child_id} into this record"),
        (duplicate, f"Merged into {survivor.la_child_id}"),
    ):
        auditor.record(
            actor=actor,
            action=AuditAction.MERGE,
            person=subject,
            obj=record,
            summary=summary,
            reason=reason,
            changes={"moved": moved, "filled": filled},
        )
    return record


def _repoint_relations(survivor: Person, duplicate: Person) -> dict[str, int]:
    moved: dict[str, int] = {}
    for rel in Person._meta.related_objects:
        if rel.get_accessor_name() in _MERGE_SPECIAL or rel.many_to_many:
            continue
        field = rel.field
        count = rel.related_model._default_manager.filter(**{field.name: duplicate}).update(
            **{field.name: survivor}
        )
        if count:
            moved[rel.related_model._meta.label] = moved.get(rel.related_model._meta.label, 0) + count
    return moved


def _merge_disabilities(survivor: Person, duplicate: Person) -> int:
    have = set(survivor.disabilities.values_list("code", flat=True))  # type: ignore[attr-defined]
    extra = set(duplicate.disabilities.values_list("code", flat=True)) - have  # type: ignore[attr-defined]
    if (have | extra) - {"NONE"}:
        # A recorded disability on either record rules out "No disability".
        PersonDisability.objects.filter(person=survivor, code="NONE").delete()
        extra.discard("NONE")
    PersonDisability.objects.filter(person=duplicate, code__in=extra).update(person=survivor)
    PersonDisability.objects.filter(person=duplicate).delete()
    return len(extra)


def _merge_restriction(survivor: Person, duplicate: Person) -> None:
    dup = RecordRestriction.objects.filter(person=duplicate).first()
    if dup is None:
        return
    mine = RecordRestriction.objects.filter(person=survivor).first()
    if mine is None:
        dup.person = survivor
        dup.save(update_fields=["person"])
        return
    mine.named_users.add(*dup.named_users.all())
    if dup.active and not mine.active:
        mine.active = True
        mine.save(update_fields=["active"])


def _fill_blanks(survivor: Person, duplicate: Person) -> list[str]:
    filled = []
    for name in PERSON_FIELDS:
        mine, theirs = getattr(survivor, name), getattr(duplicate, name)
        blank = (
            mine in (None, "") or (name == "ethnicity" and mine == "NOBT") or (name == "sex" and mine == "U")
        )
        if blank and theirs not in (None, "", "NOBT", "U"):
            setattr(survivor, name, theirs)
            filled.append(name)
    if survivor.date_of_birth and survivor.expected_date_of_birth:
        survivor.expected_date_of_birth = None
    return filled
