"""How an audit row's hash is made (ADR 0003).

Rows written since the chain was keyed name their key (`key_id`): their hash is
HMAC-SHA256, under that key, over the row's canonical content, the key id and the previous
row's hash. Rows written before (`key_id` empty) keep the plain SHA-256 they were written
with; they may only open the chain (an unkeyed row after a keyed one is tampering), and the
first keyed row's HMAC covers the last of them, so they cannot be rewritten either without
breaking the chain at that row.
"""

import hashlib
import json
from datetime import UTC
from typing import TYPE_CHECKING, Any

from . import keys as audit_keys

if TYPE_CHECKING:
    from .models import AuditEvent

GENESIS_HASH = "0" * 64


def _payload(event: "AuditEvent") -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "action": event.action,
        "person_id": event.person_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "changes": event.changes,
        "reason": event.reason,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
    }


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def unkeyed_hash(event: "AuditEvent") -> str:
    """The plain SHA-256 rows had before the chain was keyed (anyone can recompute it)."""
    return hashlib.sha256(_canonical(_payload(event))).hexdigest()


def keyed_hash(event: "AuditEvent", keys: audit_keys.AuditKeys | None = None) -> str:
    """HMAC-SHA256 under the row's key over its content, key id and the previous hash."""
    payload = {**_payload(event), "key_id": event.key_id}
    return audit_keys.sign(event.key_id, _canonical(payload), keys)


def content_hash(event: "AuditEvent", keys: audit_keys.AuditKeys | None = None) -> str:
    """The hash the row should carry, by its scheme (keyed when it names a key)."""
    return keyed_hash(event, keys) if event.key_id else unkeyed_hash(event)
