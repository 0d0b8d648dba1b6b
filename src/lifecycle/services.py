"""Retention: propose deleting a record past its retention period; a second person approves;
the record (and everything recorded about the child) is deleted, the audit rows are kept."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction, AuditEvent
from core.extensions import changed
from core.validation import required
from core.workflow import transition
from people.models import Person

from . import erasure_register
from .erasure import StoredFile, delete_files, delete_on_commit, files_elsewhere, files_of
from .erasure_register import Erasure
from .machines import DeletionMachine
from .models import DeletionRequest, DeletionRequestStatusChange, DeletionStatus
from .orphans import GRACE, orphans
from .retention import past_retention

# A deletion request's workflow: its machine and history (for `transition`).
_DELETION: dict[str, Any] = {
    "machine_cls": DeletionMachine,
    "history_model": DeletionRequestStatusChange,
    "history_fk": "request",
}


@transaction.atomic
def propose_deletion(*, actor: User, person: Any, reason: str = "") -> DeletionRequest:
    require(actor, Permission.MANAGE_RETENTION)
    today = timezone.localdate()
    due = {d.person_id: d for d in past_retention(today)}.get(person.pk)
    if due is None:
        raise ValidationError(
            {"person": "This record is not past its retention period, has open work, or is already proposed"}
        )
    request = DeletionRequest.objects.create(
        person=person,
        person_ref=person.la_child_id,
        rule_id=due.rule.id,
        retain_until=due.retain_until,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    DeletionRequestStatusChange.objects.create(
        request=request,
        status=request.status,
        event="propose",
        occurred_at=request.proposed_at,
        recorded_by=actor,
        reason=reason,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        request,
        "Deletion proposed: past retention",
        changes={"rule": due.rule.id, "retain_until": due.retain_until},
        reason=reason,
    )
    return request


def _reverse_relations(model: type[models.Model]) -> list[Any]:
    return [
        rel
        for rel in model._meta.related_objects
        if not rel.many_to_many
        and rel.related_model is not AuditEvent
        and rel.on_delete not in (models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING)
    ]


def _erase(obj: models.Model, counts: Counter[str], files: list[StoredFile]) -> None:
    """Delete `obj` after everything that refers to it (PROTECT included), depth first,
    noting the stored files of each row deleted."""
    for rel in _reverse_relations(type(obj)):
        for child in rel.related_model._base_manager.filter(**{rel.field.name: obj.pk}):
            _erase(child, counts, files)
    counts[obj._meta.label_lower] += 1
    files.extend(files_of(obj))
    obj.delete()


NO_LONGER_DUE = (
    "This record can no longer be deleted: it is not past its retention period now, or it has "
    "open work (a referral or a period of care opened since the deletion was proposed). "
    "Reject the proposal to keep the record."
)


@transaction.atomic
def approve_deletion(*, actor: User, request: DeletionRequest, reason: str = "") -> DeletionRequest:
    """A second person approves, if the record is still past its retention period with no open
    work; the record is deleted now and the deletion audited. The stored files of what is
    deleted (documents, generated PDFs, the child's drawings and recordings, return files that
    name the child) are deleted once the deletion commits."""
    require(actor, Permission.MANAGE_RETENTION)
    if request.proposed_by_id == actor.pk:
        raise ValidationError({"reason": "A different person must approve a deletion they did not propose"})
    person = request.person
    if person is not None and not past_retention(
        timezone.localdate(), person_id=person.pk, deciding=request.pk
    ):
        raise ValidationError({"decision": NO_LONGER_DUE})
    transition(
        request,
        "approve",
        **_DELETION,
        actor=actor,
        reason=reason,
        person=person,
        summary="Deletion approved",
    )
    counts: Counter[str] = Counter()
    files: list[StoredFile] = []
    person_id = person.pk if person is not None else None
    if person is not None:
        files.extend(files_elsewhere(person))
        _erase(person, counts, files)
    delete_on_commit(files)
    if person_id is not None:
        erasure_register.note_on_commit(
            Erasure(
                record=Person._meta.label_lower,
                pk=person_id,
                harbour_id=request.person_ref,
                erased_at=timezone.now().isoformat(),
                approval=f"deletion request {request.pk}",
            )
        )
    request.refresh_from_db()
    request.deleted_rows = dict(counts)
    request.decided_by = actor
    request.save(update_fields=["deleted_rows", "decided_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.DELETE,
        person=person_id,
        obj=request,
        summary=(
            f"Record {request.person_ref} erased ({sum(counts.values())} rows, {len(files)} files), "
            f"retention rule {request.rule_id}"
        ),
        changes={"deleted_rows": dict(counts), "deleted_files": len(files)},
        reason=reason,
    )
    transition(
        request,
        "record_deleted",
        **_DELETION,
        actor=actor,
        reason=reason,
        person=person_id,
        summary=f"Record {request.person_ref} deleted under retention rule {request.rule_id}",
    )
    changed(person_id)
    return request


@transaction.atomic
def reject_deletion(*, actor: User, request: DeletionRequest, reason: str) -> DeletionRequest:
    require(actor, Permission.MANAGE_RETENTION)
    required("reason", reason, "Enter why the record must be kept")
    transition(
        request,
        "reject",
        **_DELETION,
        actor=actor,
        reason=reason,
        person=request.person,
        summary="Deletion rejected",
    )
    request.decided_by = actor
    request.save(update_fields=["decided_by"])
    changed(request.person)
    return request


def erase_again(*, actor: User | None, erasures: Iterable[Erasure]) -> tuple[list[Erasure], list[StoredFile]]:
    """After a restore, in its transaction (`actor` None: the restore command, run by no
    user of Harbour): erase again each record in the erasure register
    that the restore brought back (the same record: its key and Harbour ID), as its approval
    erased it, and audit each. Returns those erased and their stored files, which the caller
    deletes once the restored files are in place (ADR 0010)."""
    done: list[Erasure] = []
    files: list[StoredFile] = []
    for erasure in erasures:
        if erasure.record != Person._meta.label_lower:
            continue
        person = Person.objects.filter(pk=erasure.pk, la_child_id=erasure.harbour_id).first()
        if person is None:  # erased before the backup was taken, or never restored
            continue
        counts: Counter[str] = Counter()
        files.extend(files_elsewhere(person))
        _erase(person, counts, files)
        auditor.record(
            actor=actor,
            action=AuditAction.DELETE,
            person=erasure.pk,
            summary=f"Record {erasure.harbour_id} erased again after a restore (erased {erasure.when:%d %B %Y})",
            changes={
                "deleted_rows": dict(counts),
                "erased_at": erasure.erased_at,
                "approval": erasure.approval,
            },
        )
        changed(erasure.pk)
        done.append(erasure)
    return done, files


@dataclass(frozen=True)
class Sweep:
    """What a sweep found (storage alias, name) and, if it deleted, how many it could not."""

    found: list[tuple[str, str]]
    deleted: bool
    failed: int = 0


def sweep_orphaned_files(*, actor: User | None, delete: bool = False, grace: timedelta = GRACE) -> Sweep:
    """Find the stored files no row refers to, older than `grace` (`lifecycle.orphans`); list
    them, or with `delete` delete them and audit the sweep, by count only (a file's name may
    hold a child's name). `actor` None: the nightly schedule or the command."""
    found = orphans(grace)
    if not delete or not found:
        return Sweep(found, deleted=False)
    failed = delete_files((storages[alias], name) for alias, name in found)
    by_storage = Counter(alias for alias, _ in found)
    auditor.record(
        actor=actor,
        action=AuditAction.DELETE,
        summary=f"Orphaned stored files deleted: {len(found) - failed} of {len(found)}",
        changes={"found": dict(by_storage), "failed": failed, "grace_hours": grace.total_seconds() / 3600},
    )
    return Sweep(found, deleted=True, failed=failed)


__all__ = [
    "DeletionStatus",
    "Sweep",
    "approve_deletion",
    "erase_again",
    "propose_deletion",
    "reject_deletion",
    "sweep_orphaned_files",
]
