"""What a person's record must be, whichever service writes it (one record, or many at once).

Each rule has one home here and the services raise from it: the normal forms and checks of
identity details, disability codes, an address as recorded, a name kept beside the
current one, Harbour IDs (never issued twice), and when a merge may be undone. The search
keys of names are the search's own (`people.search.name_keys`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.models import User
from audit import services as auditor
from core.presenters import govuk_date

from .models import (
    Address,
    IdentifierSequence,
    MergeRecord,
    Person,
    PersonDisability,
    PersonName,
    PersonRelationship,
    RecordRestriction,
    RecordStatus,
)
from .names import normalise
from .validators import normalise_postcode

# The identity details a person's record holds (what a worker edits, audits and merges).
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
_NULLABLE = {"date_of_birth", "expected_date_of_birth", "date_of_death"}


def snapshot(person: Person) -> dict[str, Any]:
    """The person's identity details, as the audit compares them."""
    return model_to_dict(person, fields=PERSON_FIELDS)


def apply_details(person: Person, data: Mapping[str, Any]) -> None:
    """Set the identity details given in `data` (a blank is "" except for dates) and the
    normal forms of the names that search and duplicate checks compare."""
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            setattr(person, name, "" if value is None and name not in _NULLABLE else value)
    person.given_name_norm = normalise(person.given_name)
    person.family_name_norm = normalise(person.family_name)


def check_details(person: Person) -> None:
    """Refuse identity details that contradict each other."""
    if person.date_of_birth and person.expected_date_of_birth:
        raise ValidationError(
            {"expected_date_of_birth": "Record a date of birth or an expected date, not both"}
        )
    if person.date_of_death and person.date_of_birth and person.date_of_death < person.date_of_birth:
        raise ValidationError({"date_of_death": "Date of death must be after the date of birth"})
    if person.former_upn and person.former_upn == person.upn:
        raise ValidationError({"former_upn": "The former UPN must differ from the current UPN"})


def new_person(data: Mapping[str, Any], *, created_by: User) -> Person:
    """An unsaved person with these identity details, in normal form and checked."""
    person = Person(created_by=created_by)
    apply_details(person, data)
    check_details(person)
    return person


def disability_codes(codes: Iterable[str]) -> list[str]:
    """The disabilities chosen, sorted: "No disability" (NONE) stands alone."""
    chosen = sorted(set(codes))
    if "NONE" in chosen and len(chosen) > 1:
        raise ValidationError({"disabilities": "Select 'No disability' or the disabilities, not both"})
    return chosen


def next_la_child_ids(count: int) -> list[str]:
    """Reserve `count` new LA child identifiers (Harbour IDs). One is never issued twice."""
    prefix = settings.HARBOUR_AUTHORITY["child_id_prefix"]
    with transaction.atomic():
        seq, _ = IdentifierSequence.objects.select_for_update().get_or_create(name="la_child_id")
        start = seq.last_value + 1
        seq.last_value += count
        seq.save(update_fields=["last_value"])
    return [f"{prefix}{n:07d}" for n in range(start, start + count)]


@dataclass(frozen=True)
class NewAddress:
    """An address to record for a person, as typed."""

    line_1: str
    town: str
    postcode: str
    start_date: date
    line_2: str = ""
    kind: str = "HOME"


def address_row(person: Person, address: NewAddress, *, created_by: User) -> Address:
    """The unsaved address row: lines trimmed, the postcode in its normal form (or refused)."""
    return Address(
        person=person,
        kind=address.kind,
        line_1=address.line_1.strip(),
        line_2=address.line_2.strip(),
        town=address.town.strip(),
        postcode=normalise_postcode(address.postcode),
        start_date=address.start_date,
        created_by=created_by,
    )


def name_row(
    person: Person, kind: str, given_name: str, family_name: str, **dates: date | None
) -> PersonName:
    """An unsaved other name of the person (previous name, alias …), with its normal forms;
    `dates` are its `used_from` and `used_to`, when known."""
    return PersonName(
        person=person,
        kind=kind,
        given_name=given_name,
        family_name=family_name,
        given_name_norm=normalise(given_name),
        family_name_norm=normalise(family_name),
        **dates,
    )


# --- Merging and undoing a merge -----------------------------------------------------------
# What a relationship says, beside who it joins (a merge combines these; its undo restores them).
RELATIONSHIP_FIELDS = ("type", "parental_responsibility", "lives_with", "start_date", "end_date", "notes")


def row_data(row: models.Model) -> dict[str, Any]:
    """A row's stored values by column (ids, codes and dates; JSON), to put it back as it was."""
    return auditor._jsonable(
        {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    )


def undo_period() -> timedelta:
    return timedelta(days=settings.HARBOUR_MERGE_UNDO_DAYS)


def undo_deadline(record: MergeRecord) -> datetime:
    """The last moment the merge may be undone."""
    return record.merged_at + undo_period()


def undo_refusals(record: MergeRecord, now: datetime | None = None) -> list[str]:
    """Why the merge cannot be undone now, in plain words; empty when it can. Reads only."""
    now = now or timezone.now()
    if record.undone_at is not None:
        return ["This merge has already been undone"]
    if not record.undo_data:
        return ["This merge was made before Harbour kept what a merge changed, so it cannot be undone"]
    if now > undo_deadline(record):
        days = settings.HARBOUR_MERGE_UNDO_DAYS
        return [
            f"This merge was made on {govuk_date(timezone.localdate(record.merged_at))}: "
            f"a merge can be undone only within {days} days"
        ]
    survivor, duplicate = record.survivor, record.duplicate
    if survivor.record_status == RecordStatus.MERGED:
        into = survivor.merged_into
        return [
            f"The kept record has since been merged into {into.la_child_id if into else 'another record'}: "
            "undo that merge first"
        ]
    if duplicate.record_status != RecordStatus.MERGED or duplicate.merged_into_id != survivor.pk:
        return ["The merged record is no longer merged into the kept record"]
    return _changed_since(record.undo_data, survivor)


def _person_field(name: str) -> models.Field:  # type: ignore[type-arg]
    field = Person._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _changed_since(data: dict[str, Any], survivor: Person) -> list[str]:
    """What has changed on the kept record since the merge that the undo would lose or
    contradict: a detail the merge filled in, rows that came from the merged record, a
    relationship the merge made one of, a disability or restriction it brought."""
    refusals = []
    for name, (_, after) in data["identity"].items():
        if auditor._jsonable(getattr(survivor, name)) != after:
            label = _person_field(name).verbose_name
            refusals.append(f"The kept record's {label} has been changed since the merge")
    removed = {entry["removed"]["id"] for entry in data["relationships"]}
    for label, fields in data["moved"].items():
        model = apps.get_model(label)
        for field, pks in fields.items():
            expected = set(pks) - removed if label == PersonRelationship._meta.label else set(pks)
            here = model._default_manager.filter(pk__in=expected, **{field: survivor}).count()
            if here < len(expected):
                what = model._meta.verbose_name_plural
                refusals.append(
                    f"{len(expected) - here} of the {what} that came from the merged record "
                    "have since been deleted or moved"
                )
    for entry in data["relationships"]:
        kept = PersonRelationship.objects.filter(pk=entry["kept_after"]["id"]).first()
        if kept is None or _relationship(row_data(kept)) != _relationship(entry["kept_after"]):
            refusals.append("A relationship the merge made one of has since been changed or removed")
    moved = data["disabilities"]["moved"]
    if PersonDisability.objects.filter(pk__in=moved, person=survivor).count() < len(moved):
        refusals.append("A disability that came from the merged record has since been removed")
    restriction = data["restriction"]
    if (
        "moved" in restriction
        and not RecordRestriction.objects.filter(pk=restriction["moved"], person=survivor).exists()
    ):
        refusals.append("The restriction that came from the merged record has since been removed")
    return refusals


def _relationship(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("person_a_id", "person_b_id", *RELATIONSHIP_FIELDS)
    return {key: data.get(key) for key in keys}
