"""Merging two records of the same person, so that every history is kept on one."""

from typing import Any, Protocol

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
from ..rules import PERSON_FIELDS, RELATIONSHIP_FIELDS, name_row, row_data, snapshot
from ..search import reindex_names

# Relations that merge handles itself rather than by re-pointing rows.
_MERGE_SPECIAL = {
    "merged_records",
    "merges_received",
    "merges_as_duplicate",
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
    audit of the merge. What every step changed is kept on the merge record by row id and
    field (`MergeRecord.undo_data`), so that an administrator can undo it exactly
    (`people.services.merge_undo`).
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
    undo: dict[str, Any] = {"duplicate_status": duplicate.record_status}
    # A relationship between the two records would become one with itself: drop it first
    # (re-pointing it would break the relationship_not_self constraint).
    between = PersonRelationship.objects.filter(
        models.Q(person_a=survivor, person_b=duplicate) | models.Q(person_a=duplicate, person_b=survivor)
    )
    undo["between"] = [row_data(row) for row in between]
    between.delete()
    undo["moved"] = moved_rows = _repoint_relations(survivor, duplicate)
    moved: dict[str, int] = {
        label: sum(len(pks) for pks in fields.values()) for label, fields in moved_rows.items()
    }
    relationships = _collapse_relationships(survivor)
    undo["relationships"] = relationships
    collapsed: dict[str, object] = {"relationships": [entry["audit"] for entry in relationships]}
    undo["after_merge"] = after = {}
    for module in app_modules("merging"):
        step: AfterMerge = module.after_merge
        after[module.__name__] = done = step(actor, survivor)
        collapsed.update(done)
    undo["disabilities"] = _merge_disabilities(survivor, duplicate)
    moved["disabilities"] = len(undo["disabilities"]["moved"])
    undo["restriction"] = _merge_restriction(survivor, duplicate)

    before = snapshot(survivor)
    filled = _fill_blanks(survivor, duplicate)
    undo["identity"] = auditor._jsonable(
        {
            name: [before[name], getattr(survivor, name)]
            for name in PERSON_FIELDS
            if before[name] != getattr(survivor, name)
        }
    )
    undo["alias"] = None
    if (duplicate.given_name, duplicate.family_name) != (survivor.given_name, survivor.family_name):
        alias = name_row(survivor, NameKind.ALIAS, duplicate.given_name, duplicate.family_name)
        alias.save()
        undo["alias"] = alias.pk
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
        undo_data=undo,
    )
    audit_both(
        actor=actor,
        action=AuditAction.MERGE,
        record=record,
        summaries={
            survivor: f"Merged {duplicate.la_child_id} into this record",
            duplicate: f"Merged into {survivor.la_child_id}",
        },
        reason=reason,
        changes={"moved": moved, "filled": filled, "collapsed": collapsed},
    )
    changed(survivor, duplicate)
    return record


def audit_both(
    *,
    actor: User,
    action: AuditAction,
    record: MergeRecord,
    summaries: dict[Person, str],
    reason: str,
    changes: dict[str, Any],
) -> None:
    """Audit a merge, or its undoing, on each of the two records, saying on each what
    happened to it (`summaries`: record → summary)."""
    for subject, summary in summaries.items():
        auditor.record(
            actor=actor,
            action=action,
            person=subject,
            obj=record,
            summary=summary,
            reason=reason,
            changes=changes,
        )


def _repoint_relations(survivor: Person, duplicate: Person) -> dict[str, dict[str, list[int]]]:
    """Point every row that referred to the duplicate at the survivor; returns the ids moved,
    by model and field."""
    moved: dict[str, dict[str, list[int]]] = {}
    for rel in Person._meta.related_objects:
        if rel.get_accessor_name() in _MERGE_SPECIAL or rel.many_to_many:
            continue
        field = rel.field
        rows = rel.related_model._default_manager.filter(**{field.name: duplicate})
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            rel.related_model._default_manager.filter(pk__in=pks).update(**{field.name: survivor})
            moved.setdefault(rel.related_model._meta.label, {})[field.name] = pks
    return moved


def _collapse_relationships(survivor: Person) -> list[dict[str, Any]]:
    """Make one of each pair of the survivor's relationships with the same person, of the
    same type, the same way round: the first recorded is kept, holding parental
    responsibility or living together if either said so, starting at the earlier start and
    current if either was; notes are joined. Returns, for each row given up, what it said
    (`audit`), the row itself and the kept row before and after."""
    kept: dict[tuple[int, int, str], PersonRelationship] = {}
    collapsed: list[dict[str, Any]] = []
    rows = PersonRelationship.objects.filter(models.Q(person_a=survivor) | models.Q(person_b=survivor))
    for row in rows.order_by("created_at", "pk"):
        first = kept.setdefault((row.person_a_id, row.person_b_id, row.type), row)
        if first is row:
            continue
        audit = {
            "kept": first.pk,
            "removed": row.pk,
            **auditor._jsonable({name: getattr(row, name) for name in RELATIONSHIP_FIELDS}),
        }
        entry = {"audit": audit, "removed": row_data(row), "kept_before": row_data(first)}
        first.parental_responsibility |= row.parental_responsibility
        first.lives_with |= row.lives_with
        starts = [d for d in (first.start_date, row.start_date) if d]
        first.start_date = min(starts) if starts else None
        first.end_date = None if None in (first.end_date, row.end_date) else max(first.end_date, row.end_date)  # type: ignore[type-var]
        first.notes = "; ".join(n for n in dict.fromkeys((first.notes, row.notes)) if n)[:300]
        first.save()
        entry["kept_after"] = row_data(first)
        collapsed.append(entry)
        row.delete()
    return collapsed


def _merge_disabilities(survivor: Person, duplicate: Person) -> dict[str, Any]:
    """Returns the ids of the rows moved, the codes given up on the duplicate and whether
    the survivor's "No disability" was removed."""
    have = set(survivor.disabilities.values_list("code", flat=True))  # type: ignore[attr-defined]
    theirs = set(duplicate.disabilities.values_list("code", flat=True))  # type: ignore[attr-defined]
    extra = theirs - have
    none_removed = False
    if (have | extra) - {"NONE"}:
        # A recorded disability on either record rules out "No disability".
        none_removed = PersonDisability.objects.filter(person=survivor, code="NONE").delete()[0] > 0
        extra.discard("NONE")
    moving = PersonDisability.objects.filter(person=duplicate, code__in=extra)
    moved = list(moving.values_list("pk", flat=True))
    moving.update(person=survivor)
    PersonDisability.objects.filter(person=duplicate).delete()
    return {"moved": moved, "dropped": sorted(theirs - extra), "survivor_none_removed": none_removed}


def _merge_restriction(survivor: Person, duplicate: Person) -> dict[str, Any]:
    """Returns the restriction moved, or the named users added and whether it was made active."""
    dup = RecordRestriction.objects.filter(person=duplicate).first()
    if dup is None:
        return {}
    mine = RecordRestriction.objects.filter(person=survivor).first()
    if mine is None:
        dup.person = survivor
        dup.save(update_fields=["person"])
        return {"moved": dup.pk}
    already = set(mine.named_users.values_list("pk", flat=True))
    added = sorted(set(dup.named_users.values_list("pk", flat=True)) - already)
    mine.named_users.add(*added)
    activated = dup.active and not mine.active
    if activated:
        mine.active = True
        mine.save(update_fields=["active"])
    return {"restriction": mine.pk, "named_users_added": added, "activated": activated}


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
