"""The keys of the audit trail's chain (ADR 0003).

Each audit row's hash is an HMAC-SHA256 under one of these keys, and the row names the key
(`AuditEvent.key_id`), so whoever can write to the database but does not hold the key cannot
rewrite a row and recompute the chain after it. Checkpoints exported for the authority are
signed the same way (`audit.checkpoints`).

`HARBOUR_AUDIT_KEYS` is a comma-separated list of `id:secret` entries (make one with
`manage.py new_audit_key`). The first signs new rows; every one verifies, so a key is rotated
by putting a new entry first and keeping the old one for as long as rows signed with it are
kept. Keep the keys with `HARBOUR_SECRET_KEY` in the authority's secret store, never in the
database or with the backups. Outside production, with no keys set, one key (id `local`) is
derived from the secret key (demo and tests only); production refuses to start without them.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DERIVED_KEY_ID = "local"
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_MIN_SECRET = 32


class UnknownAuditKey(ImproperlyConfigured):
    """A row or checkpoint names a key that HARBOUR_AUDIT_KEYS does not hold."""


@dataclass(frozen=True)
class AuditKeys:
    current: str  # the id of the key that signs new rows
    secrets: dict[str, bytes]

    def secret(self, key_id: str) -> bytes:
        try:
            return self.secrets[key_id]
        except KeyError:
            raise UnknownAuditKey(
                f"The audit key {key_id!r} is not in HARBOUR_AUDIT_KEYS: keep every key that signed "
                "rows still kept (the first signs, all verify)."
            ) from None


def _parse(entries: list[str]) -> AuditKeys:
    parsed: dict[str, bytes] = {}
    order: list[str] = []
    for entry in entries:
        key_id, sep, secret = entry.strip().partition(":")
        if not sep or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "HARBOUR_AUDIT_KEYS entries are id:secret, the id of letters, digits, - and _ "
                "(at most 32); manage.py new_audit_key makes one."
            )
        if len(secret) < _MIN_SECRET:
            raise ImproperlyConfigured(
                f"The audit key {key_id!r} is too short: at least {_MIN_SECRET} characters "
                "(manage.py new_audit_key makes one)."
            )
        if key_id in parsed:
            raise ImproperlyConfigured(f"The audit key id {key_id!r} is given twice in HARBOUR_AUDIT_KEYS.")
        parsed[key_id] = secret.encode()
        order.append(key_id)
    return AuditKeys(current=order[0], secrets=parsed)


def configured() -> AuditKeys:
    entries = [e for e in getattr(settings, "HARBOUR_AUDIT_KEYS", []) if e.strip()]
    if entries:
        return _parse(entries)
    derived = hashlib.sha256(f"harbour-audit-key:{settings.SECRET_KEY}".encode()).hexdigest()
    return AuditKeys(current=DERIVED_KEY_ID, secrets={DERIVED_KEY_ID: derived.encode()})


def sign(key_id: str, message: bytes, keys: AuditKeys | None = None) -> str:
    """HMAC-SHA256 of `message` under the key `key_id`, as 64 hex digits."""
    secret = (keys or configured()).secret(key_id)
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def new_key(key_id: str = "") -> str:
    """A new `id:secret` entry for HARBOUR_AUDIT_KEYS."""
    key_id = key_id or f"k{secrets.token_hex(4)}"
    if not _KEY_ID.match(key_id):
        raise ImproperlyConfigured("An audit key id is letters, digits, - and _ (at most 32).")
    return f"{key_id}:{secrets.token_urlsafe(32)}"
