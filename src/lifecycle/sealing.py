"""Backup archives encrypted to the authority's public keys with age (ADR 0008).

The authority keeps an age identity (private key) off the servers and gives Harbour only its
public key(s) ("recipients", `age1...`) in `HARBOUR_BACKUP_RECIPIENTS`. A backup is built in an
anonymous temporary file (no name on disk, readable by this process only, gone when closed),
then encrypted with `pyrage` (the Rust `age` library) into the archive file, created mode 600
and moved into place only when complete. age is authenticated encryption: a changed, swapped or
cut short byte makes decryption fail, so restore decrypts the whole archive before it trusts
any of it.
"""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pyrage
from pyrage import x25519


class SealingError(Exception):
    pass


def recipients_from(values: Iterable[str]) -> list[x25519.Recipient]:
    parsed = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            parsed.append(x25519.Recipient.from_str(value))
        except pyrage.RecipientError as exc:
            raise SealingError(f"{value!r} is not an age public key (age1...)") from exc
    return parsed


def identities_in(path: Path) -> list[x25519.Identity]:
    """The identities in an age identity file (as `age-keygen` or `backup_keygen` writes it)."""
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise SealingError(f"Cannot read the identity file {path}") from exc
    identities = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                identities.append(x25519.Identity.from_str(line))
            except pyrage.IdentityError as exc:
                raise SealingError(f"{path} holds something that is not an age identity") from exc
    if not identities:
        raise SealingError(f"{path} holds no age identity")
    return identities


def private_file(path: Path) -> IO[bytes]:
    """A new file that only its owner can read: created mode 600, never widened later."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise SealingError(f"{path} already exists: choose another name") from exc
    return os.fdopen(descriptor, "wb")


def new_identity_file(path: Path) -> str:
    """Write a new identity to `path` (mode 600); return its public key."""
    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    with private_file(path) as out:
        out.write(f"# public key: {recipient}\n{identity}\n".encode())
    return recipient


def plain_workspace() -> IO[bytes]:
    """Where an archive is built or read in the clear: an anonymous temporary file."""
    return tempfile.TemporaryFile()


def seal(plain: IO[bytes], path: Path, recipients: list[x25519.Recipient]) -> None:
    """Encrypt `plain` to the recipients into a new file at `path` (mode 600)."""
    if not recipients:
        raise SealingError("No recipient to encrypt the backup to")
    partial = path.with_name(f".{path.name}.partial")
    plain.seek(0)
    out = private_file(partial)  # only the run that made it removes it
    try:
        with out:
            pyrage.encrypt_io(plain, out, recipients)
            out.flush()
            os.fsync(out.fileno())
        _move_into_place(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _move_into_place(partial: Path, path: Path) -> None:
    """Give the finished file its name, never replacing an existing archive."""
    try:
        os.link(partial, path)  # fails, atomically, if `path` exists
    except FileExistsError as exc:
        raise SealingError(f"{path} already exists: choose another name") from exc
    except OSError:  # a file system without hard links
        if path.exists():
            raise SealingError(f"{path} already exists: choose another name") from None
        os.replace(partial, path)


def unseal(path: Path, identities: list[x25519.Identity]) -> IO[bytes]:
    """The decrypted archive, fully authenticated, in an anonymous temporary file."""
    plain = plain_workspace()
    try:
        with open(path, "rb") as sealed:
            pyrage.decrypt_io(sealed, plain, identities)
    except (pyrage.DecryptError, OSError) as exc:  # a damaged payload surfaces as an OSError
        plain.close()
        raise SealingError(
            f"{path} cannot be decrypted ({exc}): it was made for another key, or it was damaged or changed"
        ) from exc
    except BaseException:
        plain.close()
        raise
    plain.seek(0)
    return plain
