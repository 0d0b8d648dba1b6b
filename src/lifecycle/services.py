"""Retention: propose deleting a record past its retention period; a second person approves;
the record (and everything recorded about the child) is deleted, the audit rows are kept."""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
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

from .erasure import StoredFile, delete_on_commit, files_elsewhere, files_of
from .machines import DeletionMachine
from .models import DeletionRequest, DeletionRequestStatusChange, DeletionStatus
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


__all__ = ["DeletionStatus", "approve_deletion", "propose_deletion", "reject_deletion"]
