"""Merging two records of the same person, so that every history is kept on one."""

from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import app_modules, changed

from ..models import (
    MergeRecord,
    NameKey,
    NameKind,
    Person,
    PersonDisability,
    PersonRelationship,
    RecordRestriction,
    RecordStatus,
)
from ..rules import PERSON_FIELDS, name_row, snapshot
from ..search import reindex_names

# Relations that merge handles itself rather than by re-pointing rows.
_MERGE_SPECIAL = {
    "merged_records",
    "merges_received",
    "merge_record",
    "name_keys",
    "restriction",
    "disabilities",
}


class AfterMerge(Protocol):
    """A later stage's part of a merge (`merging.py`: `after_merge`), run in its transaction
    once every row points at the survivor: makes one of what both records held (two open
    allocations of one role), audited; returns what it did for the merge's audit."""

    def __call__(self, actor: User, survivor: Person) -> dict[str, object]: ...


@transaction.atomic
def merge_people(*, actor: User, survivor: Person, duplicate: Person, reason: str) -> MergeRecord:
    """Merge `duplicate` into `survivor`: every history moves, nothing is lost.

    The duplicate record stays (status MERGED, pointing at the survivor) with its
    identifier retired, so old references and the audit still resolve. Every row that
    referred to the duplicate — names, addresses, relationships, allocations and every
    later stage's records — is re-pointed to the survivor. The survivor keeps its own
    identity details; blanks on the survivor are filled from the duplicate, and the
    duplicate's name is kept as an alias. A relationship both records had (the same parent
    recorded on each) becomes one, its details combined (`_collapse_relationships`), and
    so do what later stages held on both (`AfterMerge`); what was given up is kept in the
    audit of the merge.
    """
    require(actor, Permission.MERGE_PEOPLE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason these are the same person"})
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": "Choose two different records"})
    if RecordStatus.MERGED in (survivor.record_status, duplicate.record_status):
        raise ValidationError({"duplicate": "One of these records has already been merged"})

    retired = {**snapshot(duplicate), "la_child_id": duplicate.la_child_id}
    # A relationship between the two records would become one with itself: drop it first
    # (re-pointing it would break the relationship_not_self constraint).
    PersonRelationship.objects.filter(
        models.Q(person_a=survivor, person_b=duplicate) | models.Q(person_a=duplicate, person_b=survivor)
    ).delete()
    moved = _repoint_relations(survivor, duplicate)
    collapsed: dict[str, object] = {"relationships": _collapse_relationships(survivor)}
    steps: list[AfterMerge] = [module.after_merge for module in app_modules("merging")]
    for step in steps:
        collapsed.update(step(actor, survivor))
    moved["disabilities"] = _merge_disabilities(survivor, duplicate)
    _merge_restriction(survivor, duplicate)

    filled = _fill_blanks(survivor, duplicate)
    if (duplicate.given_name, duplicate.family_name) != (survivor.given_name, survivor.family_name):
        name_row(survivor, NameKind.ALIAS, duplicate.given_name, duplicate.family_name).save()
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
        duplicate_snapshot=auditor._jsonable(retired),
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
            changes={"moved": moved, "filled": filled, "collapsed": collapsed},
        )
    changed(survivor, duplicate)
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


_RELATIONSHIP_FIELDS = ("type", "parental_responsibility", "lives_with", "start_date", "end_date", "notes")


def _collapse_relationships(survivor: Person) -> list[dict[str, object]]:
    """Make one of each pair of the survivor's relationships with the same person, of the
    same type, the same way round: the first recorded is kept, holding parental
    responsibility or living together if either said so, starting at the earlier start and
    current if either was; notes are joined. Returns what each row given up said."""
    kept: dict[tuple[int, int, str], PersonRelationship] = {}
    collapsed: list[dict[str, object]] = []
    rows = PersonRelationship.objects.filter(models.Q(person_a=survivor) | models.Q(person_b=survivor))
    for row in rows.order_by("created_at", "pk"):
        first = kept.setdefault((row.person_a_id, row.person_b_id, row.type), row)
        if first is row:
            continue
        collapsed.append(
            {
                "kept": first.pk,
                "removed": row.pk,
                **auditor._jsonable({name: getattr(row, name) for name in _RELATIONSHIP_FIELDS}),
            }
        )
        first.parental_responsibility |= row.parental_responsibility
        first.lives_with |= row.lives_with
        starts = [d for d in (first.start_date, row.start_date) if d]
        first.start_date = min(starts) if starts else None
        first.end_date = None if None in (first.end_date, row.end_date) else max(first.end_date, row.end_date)  # type: ignore[type-var]
        first.notes = "; ".join(n for n in dict.fromkeys((first.notes, row.notes)) if n)[:300]
        first.save()
        row.delete()
    return collapsed


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
