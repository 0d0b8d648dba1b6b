"""The Auditor: the only code that writes audit rows.

Call `record(...)` inside the service function's transaction, so the audit row and the
change it describes commit or roll back together. A refusal is written by `record_refusal`,
which alone decides the shape of a REFUSED row. Reads of a record are audited by the
access door (`people.access`), not by views. Writing a row has no other effect: a service
that changes a child's record says so itself (`core.extensions.changed`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from core.request_context import current_request_id

from . import keys as audit_keys
from .hashing import GENESIS_HASH as GENESIS_HASH  # re-exported: the chain's readers import them here
from .hashing import content_hash as content_hash
from .models import AuditAction, AuditEvent
from .verification import ChainReport as ChainReport
from .verification import verify_chain as verify_chain

_PG_LOCK_KEY = 0x4A7D17  # advisory lock serialising the hash chain on PostgreSQL


@dataclass(frozen=True)
class PendingEvent:
    action: str
    actor_id: int | None = None
    actor_username: str = ""
    person_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    summary: str = ""
    changes: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""
    occurred_at: datetime | None = None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _lock_chain() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH


def _build(pending: PendingEvent, prev_hash: str, request_id: str, keys: audit_keys.AuditKeys) -> AuditEvent:
    event = AuditEvent(
        occurred_at=pending.occurred_at or timezone.now(),
        actor_id=pending.actor_id,
        actor_username=pending.actor_username,
        action=pending.action,
        person_id=pending.person_id,
        object_type=pending.object_type,
        object_id=pending.object_id,
        summary=pending.summary[:200],
        changes=_jsonable(dict(pending.changes)),
        reason=pending.reason,
        request_id=request_id,
        prev_hash=prev_hash,
        key_id=keys.current,
    )
    event.hash = content_hash(event, keys)
    return event


def record_many(events: Iterable[PendingEvent]) -> list[AuditEvent]:
    """Append events to the chain in one transaction (used by bulk services)."""
    keys = audit_keys.configured()
    with transaction.atomic():
        prev = _lock_chain()
        request_id = current_request_id()
        built = []
        for pending in events:
            event = _build(pending, prev, request_id, keys)
            prev = event.hash
            built.append(event)
        return AuditEvent.objects.bulk_create(built, batch_size=2000)


def event(
    *,
    actor: Any,
    action: AuditAction | str,
    person: Any = None,
    obj: Model | None = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> PendingEvent:
    """The row `record` would append, not yet written: bulk services collect these and
    write them with `record_many` (the object must already be saved, to have its key)."""
    return PendingEvent(
        action=str(action),
        actor_id=getattr(actor, "pk", None) if actor is not None else None,
        actor_username=getattr(actor, "username", "") or "",
        person_id=getattr(person, "pk", person) if person is not None else None,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary,
        changes=changes or {},
        reason=reason,
    )


def record(
    *,
    actor: Any,
    action: AuditAction | str,
    person: Any = None,
    obj: Model | None = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row. `person` is the person whose record this concerns."""
    pending = event(
        actor=actor, action=action, person=person, obj=obj, summary=summary, changes=changes, reason=reason
    )
    return record_many([pending])[0]


def record_refusal(
    *,
    actor: Any,
    what: str,
    reason: str,
    person: Any = None,
    obj: Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append the REFUSED row of a refusal, "<what> refused: <reason>": the one shape of every
    such row, whoever refuses. `person` and `obj` name the child and the record of theirs
    refused (the access door's refusals, `people.read_audit`); a page refused to a role before
    any record is read (`accounts.decorators`) names what was asked for in `changes` instead."""
    return record(
        actor=actor,
        action=AuditAction.REFUSED,
        person=person,
        obj=obj,
        summary=f"{what} refused: {reason}"[:200],
        changes=changes,
    )


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field-level changes as {field: [old, new]} for the audit row."""
    keys = sorted(set(before) | set(after))
    return {
        k: [_jsonable(before.get(k)), _jsonable(after.get(k))] for k in keys if before.get(k) != after.get(k)
    }
