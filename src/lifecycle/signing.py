"""Backup archives signed by the installation that made them (ADR 0008).

age encryption proves an archive was not changed, but not who made it: anyone with the
authority's public key can make one. So `backup` also signs the manifest (which holds the
SHA-256 of the data and of every file) with an Ed25519 key (`cryptography`), and `restore`
accepts only an archive signed by a key the authority trusts.

The signing key is a PEM file on the server that takes backups (`HARBOUR_BACKUP_SIGNING_KEY`,
made with `manage.py backup_signing_keygen --output FILE`, mode 600); its public key
(`ed25519:<base64>`) goes in `HARBOUR_BACKUP_TRUSTED_KEYS` wherever archives are restored.
"""

import base64
import binascii
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .sealing import private_file

PREFIX = "ed25519:"


class SigningError(Exception):
    pass


def public_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PREFIX + base64.b64encode(raw).decode()


def new_key_file(path: Path) -> str:
    """Write a new signing key to `path` (mode 600, never overwriting); return its public key."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with private_file(path) as out:
        out.write(pem)
    return public_text(key.public_key())


def key_in(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise SigningError(f"Cannot read the backup signing key {path}") from exc
    except ValueError as exc:
        raise SigningError(f"{path} is not a PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path} is not an Ed25519 key")
    return key


def trusted_from(values: Iterable[str]) -> list[Ed25519PublicKey]:
    keys = []
    for value in (v.strip() for v in values):
        if not value:
            continue
        try:
            if not value.startswith(PREFIX):
                raise ValueError(value)
            keys.append(
                Ed25519PublicKey.from_public_bytes(base64.b64decode(value[len(PREFIX) :], validate=True))
            )
        except (ValueError, binascii.Error) as exc:
            raise SigningError(f"{value!r} is not a backup signing public key ({PREFIX}...)") from exc
    return keys


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The signature document stored beside the manifest."""
    signed = {"key": public_text(key.public_key()), "signature": base64.b64encode(key.sign(data)).decode()}
    return json.dumps(signed, indent=2).encode()


def verify(document: bytes | None, data: bytes, trusted: list[Ed25519PublicKey]) -> str:
    """The public key that signed `data`, if it is trusted; otherwise SigningError."""
    if document is None:
        raise SigningError("The archive is not signed: it was not made by a Harbour that signs its backups")
    try:
        parsed: dict[str, Any] = json.loads(document)
        signature = base64.b64decode(parsed["signature"], validate=True)
        signer = str(parsed["key"])
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise SigningError("The archive's signature is unreadable") from exc
    for key in trusted:
        if public_text(key) == signer:
            try:
                key.verify(signature, data)
            except InvalidSignature as exc:
                raise SigningError("The archive's signature does not match its manifest") from exc
            return signer
    raise SigningError(f"The archive is signed by {signer}, which HARBOUR_BACKUP_TRUSTED_KEYS does not trust")
