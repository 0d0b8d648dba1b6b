"""Checking the audit trail's chain from its first row to its last (ADR 0003)."""

from dataclasses import dataclass

from django.conf import settings

from . import keys as audit_keys
from .hashing import GENESIS_HASH, content_hash
from .models import AuditEvent


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_id: int | None
    problem: str = ""  # why the first bad row is bad
    unkeyed: int = 0  # rows from before the chain was keyed, verified by plain SHA-256
    last_id: int = 0
    last_hash: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def _problem(
    event: AuditEvent, prev: str, keyed_seen: bool, keys: audit_keys.AuditKeys, unkeyed_until: int | None
) -> str:
    if event.prev_hash != prev:
        return "it does not follow the row before it (a row was removed, added or rewritten)"
    if not event.key_id and keyed_seen:
        return "it is unkeyed but follows keyed rows (rewritten without the audit key)"
    if not event.key_id and unkeyed_until is not None and event.id > unkeyed_until:
        return (
            f"it is unkeyed but rows after {unkeyed_until} must be keyed: rewritten without the audit key, "
            "or written before the chain was keyed (then set HARBOUR_AUDIT_UNKEYED_UNTIL to the last such row)"
        )
    try:
        expected = content_hash(event, keys)
    except audit_keys.UnknownAuditKey:
        return f"it names the audit key {event.key_id!r}, which HARBOUR_AUDIT_KEYS does not hold"
    if expected != event.hash:
        return "its content or hash was changed"
    return ""


def verify_chain(batch_size: int = 5000, after_id: int = 0, after_hash: str = GENESIS_HASH) -> ChainReport:
    """Recompute every row's hash in order; report the first row that does not match.

    From the first row, or from the row after `after_id` whose hash must be `after_hash` (a
    checkpoint already verified, `audit.checkpoints`)."""
    keys = audit_keys.configured()
    unkeyed_until = getattr(settings, "HARBOUR_AUDIT_UNKEYED_UNTIL", 0)
    prev, last_id, checked, unkeyed = after_hash, after_id, 0, 0
    # Unkeyed rows only open the chain, so the anchor row says whether keyed rows began.
    keyed_seen = bool(after_id) and AuditEvent.objects.filter(id=after_id).exclude(key_id="").exists()
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return ChainReport(checked, None, unkeyed=unkeyed, last_id=last_id, last_hash=prev)
        for event in batch:
            problem = _problem(event, prev, keyed_seen, keys, unkeyed_until)
            if problem:
                return ChainReport(checked, event.id, problem, unkeyed, last_id, prev)
            keyed_seen = keyed_seen or bool(event.key_id)
            unkeyed += not event.key_id
            prev = event.hash
            checked += 1
            last_id = event.id
