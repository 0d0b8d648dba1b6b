"""Values encrypted at rest in the database: the two-factor secrets (ADR 0008).

`EncryptedTextField` keeps a Fernet token (AES-128-CBC with HMAC-SHA256, from the
maintained `cryptography` library) in its column and gives Python the plain text: code
reading `device.secret` is unchanged, and a copy of the database, a stray SQL dump or a
backup archive opened with its identity does not reveal the secrets.

The keys are `HARBOUR_FIELD_KEYS`: comma-separated Fernet keys (make one with
`manage.py new_field_key`). The first encrypts; every one decrypts (`MultiFernet`), so a key is
rotated by putting a new key first and running `manage.py rotate_field_keys` before removing the
old one. Keep them with `HARBOUR_SECRET_KEY`, never in the database or with the backups.
Outside production, with no keys set, one key is derived from the secret key (demo and tests
only); production refuses to start without `HARBOUR_FIELD_KEYS`.

Tokens are not deterministic, so an encrypted column cannot be searched or filtered on.
"""

import base64
import hashlib
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class FieldKeyError(ImproperlyConfigured):
    """A stored value cannot be decrypted with the configured keys."""


def _configured_keys() -> tuple[str, ...]:
    keys = tuple(k.strip() for k in getattr(settings, "HARBOUR_FIELD_KEYS", []) if k.strip())
    if keys:
        return keys
    derived = hashlib.sha256(f"harbour-field-key:{settings.SECRET_KEY}".encode()).digest()
    return (base64.urlsafe_b64encode(derived).decode(),)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "HARBOUR_FIELD_KEYS must be Fernet keys (manage.py new_field_key)"
        ) from exc


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(text: str) -> str:
    return _fernet(_configured_keys()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(_configured_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise FieldKeyError(
            "A value encrypted at rest cannot be decrypted with HARBOUR_FIELD_KEYS: "
            "the keys are not the ones it was written with."
        ) from exc


def reencrypt(token: str) -> str:
    """The token under the first key (for key rotation)."""
    try:
        return _fernet(_configured_keys()).rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise FieldKeyError("A value encrypted at rest cannot be decrypted with HARBOUR_FIELD_KEYS.") from exc


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as a Fernet token; read back as the plain text."""

    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        value = super().get_db_prep_save(value, connection)
        return None if value is None else encrypt(str(value))
