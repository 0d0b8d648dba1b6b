"""Undoing a merge of two records of one person: by an administrator, within the authority's
period (`settings.HARBOUR_MERGE_UNDO_DAYS`), both records put back as they were.

A merge keeps what it changed on its record, by row id and field (`MergeRecord.undo_data`,
written by `people.services.merge.merge_people`): the rows it moved, the relationships it
dropped or made one of, what later stages made one of (`merging.py`), the disabilities, the
restriction, the identity details it filled in and the alias it added. `undo_merge` reverses
each, in one transaction, audited on both records. It refuses, saying why, after the period,
or when the kept record has changed since in a way that would make the undo lose or invent
something (`people.rules.undo_refusals`; a later stage's part raises from its own `undo_merge`).
Records added to the kept record since the merge stay on it.
"""

from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit.models import AuditAction
from core.extensions import app_modules, changed

from ..models import (
    MergeRecord,
    Person,
    PersonDisability,
    PersonName,
    PersonRelationship,
    RecordRestriction,
)
from ..rules import RELATIONSHIP_FIELDS, apply_details, undo_refusals
from ..search import reindex_names
from .merge import audit_both


class UndoMerge(Protocol):
    """A later stage's part of undoing a merge (`merging.py`: `undo_merge`), run in the undo's
    transaction once every moved row is back on the record it came from: reverses what its
    `after_merge` did (given what that returned), audited, or raises a ValidationError saying
    what has changed since that makes it unsafe."""

    def __call__(self, actor: User, done: dict[str, Any]) -> None: ...


@transaction.atomic
def undo_merge(*, actor: User, record: MergeRecord, reason: str) -> MergeRecord:
    """Undo `record`'s merge: every row it moved goes back to the record it came from, the
    relationships and later stages' records it made one of are two again, the kept record's
    identity details, disabilities and restriction are as they were, and the merged record
    is active again with its own Harbour ID. Audited on both records."""
    require(actor, Permission.UNDO_MERGE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the merge is being undone"})
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    survivor = Person.objects.select_for_update().get(pk=record.survivor_id)
    duplicate = Person.objects.select_for_update().get(pk=record.duplicate_id)
    record.survivor, record.duplicate = survivor, duplicate
    refusals = undo_refusals(record)
    if refusals:
        raise ValidationError(refusals)
    data = record.undo_data

    if data["alias"]:
        PersonName.objects.filter(pk=data["alias"], person=survivor).delete()
    identity = {name: _value(Person, name, before) for name, (before, _) in data["identity"].items()}
    apply_details(survivor, identity)
    _restore_restriction(data["restriction"], duplicate)
    for entry in data["relationships"]:
        _restore_row(PersonRelationship, entry["removed"])
        PersonRelationship.objects.filter(pk=entry["kept_before"]["id"]).update(
            **{
                name: _value(PersonRelationship, name, entry["kept_before"][name])
                for name in RELATIONSHIP_FIELDS
            }
        )
    restored: dict[str, int] = {}
    for label, fields in data["moved"].items():
        model = apps.get_model(label)
        for field, pks in fields.items():
            count = model._default_manager.filter(pk__in=pks, **{field: survivor}).update(
                **{field: duplicate}
            )
            restored[label] = restored.get(label, 0) + count
    for row in data["between"]:
        _restore_row(PersonRelationship, row)
    _restore_disabilities(data["disabilities"], survivor, duplicate)
    after = data["after_merge"]
    for module in app_modules("merging"):
        step: UndoMerge = module.undo_merge
        step(actor, after.get(module.__name__, {}))

    survivor.version += 1
    survivor.save()
    duplicate.record_status = data["duplicate_status"]
    duplicate.merged_into = None
    duplicate.version += 1
    duplicate.save(update_fields=["record_status", "merged_into", "version", "updated_at"])
    reindex_names(survivor)
    reindex_names(duplicate)
    record.undone_at = timezone.now()
    record.undone_by = actor
    record.undo_reason = reason
    record.save(update_fields=["undone_at", "undone_by", "undo_reason"])

    changes = {
        "restored": restored,
        "identity": sorted(identity),
        "relationships": len(data["relationships"]) + len(data["between"]),
        "disabilities": len(data["disabilities"]["moved"]) + len(data["disabilities"]["dropped"]),
    }
    audit_both(
        actor=actor,
        action=AuditAction.UNMERGE,
        record=record,
        summaries={
            survivor: f"Undid the merge of {duplicate.la_child_id} into this record",
            duplicate: f"Undid the merge of this record into {survivor.la_child_id}",
        },
        reason=reason,
        changes=changes,
    )
    changed(survivor, duplicate)
    return record


def _value(model: type[models.Model], attname: str, value: Any) -> Any:
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return None if value is None else field.to_python(value)


def _restore_row(model: type[models.Model], data: dict[str, Any]) -> None:
    """Put back a row the merge deleted, with its own id and every stored value."""
    values = {name: _value(model, name, value) for name, value in data.items()}
    model._default_manager.bulk_create([model(**values)])
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    if stamped:  # saving stamps them afresh: give them back their own times
        model._default_manager.filter(pk=values["id"]).update(**{name: values[name] for name in stamped})


def _restore_disabilities(done: dict[str, Any], survivor: Person, duplicate: Person) -> None:
    PersonDisability.objects.filter(pk__in=done["moved"], person=survivor).update(person=duplicate)
    PersonDisability.objects.bulk_create(
        PersonDisability(person=duplicate, code=code) for code in done["dropped"]
    )
    if done["survivor_none_removed"]:
        PersonDisability.objects.get_or_create(person=survivor, code="NONE")


def _restore_restriction(done: dict[str, Any], duplicate: Person) -> None:
    if "moved" in done:
        RecordRestriction.objects.filter(pk=done["moved"]).update(person=duplicate)
    elif done:
        restriction = RecordRestriction.objects.get(pk=done["restriction"])
        restriction.named_users.remove(*done["named_users_added"])
        if done["activated"]:
            restriction.active = False
            restriction.save(update_fields=["active"])
