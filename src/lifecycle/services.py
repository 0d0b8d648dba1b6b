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


def _erase(obj: models.Model, counts: Counter[str]) -> None:
    """Delete `obj` after everything that refers to it (PROTECT included), depth first."""
    for rel in _reverse_relations(type(obj)):
        for child in rel.related_model._base_manager.filter(**{rel.field.name: obj.pk}):
            _erase(child, counts)
    counts[obj._meta.label_lower] += 1
    obj.delete()


@transaction.atomic
def approve_deletion(*, actor: User, request: DeletionRequest, reason: str = "") -> DeletionRequest:
    """A second person approves; the record is deleted now and the deletion audited."""
    require(actor, Permission.MANAGE_RETENTION)
    if request.proposed_by_id == actor.pk:
        raise ValidationError({"reason": "A different person must approve a deletion they did not propose"})
    person = request.person
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
    person_id = person.pk if person is not None else None
    if person is not None:
        _erase(person, counts)
    request.refresh_from_db()
    request.deleted_rows = dict(counts)
    request.decided_by = actor
    request.save(update_fields=["deleted_rows", "decided_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.DELETE,
        person=person_id,
        obj=request,
        summary=f"Record {request.person_ref} erased ({sum(counts.values())} rows), retention rule {request.rule_id}",
        changes={"deleted_rows": dict(counts)},
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
