"""The files that go with the rows: uploaded documents and drawings, built returns (ADR 0008).

Each backed-up storage's files go into the archive under `files/<storage>/<name>`, and the
manifest lists each with its SHA-256. Files are read and written through Django's storage
API, so the same code serves the disk (`MEDIA_ROOT`, `HARBOUR_RETURNS_DIR`) and any other
storage an authority configures.
"""

import hashlib
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

STORAGES = ("default", "returns")  # uploaded and generated files; not static files
PREFIX = "files"


class FilesError(Exception):
    pass


def _storage(alias: str) -> Storage:
    storage = storages[alias]
    if isinstance(storage, FileSystemStorage) and not storage.base_location:
        raise FilesError(
            f"The {alias!r} file storage has no location (MEDIA_ROOT is not set), so its files "
            "would be looked for in the working directory. Set it before backing up."
        )
    return storage


def _names(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _names(storage, f"{folder}/{sub}" if folder else sub)


def stored_names(alias: str) -> list[str]:
    """The names of every file in a backed-up storage."""
    return list(_names(_storage(alias)))


def write_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Copy every backed-up storage's files into the archive; return name -> SHA-256."""
    listed: dict[str, str] = {}
    for alias in STORAGES:
        storage = _storage(alias)
        for name in _names(storage):
            digest = hashlib.sha256()
            key = f"{alias}/{name}"
            with (
                storage.open(name, "rb") as source,
                archive.open(f"{PREFIX}/{key}", "w", force_zip64=True) as out,
            ):
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
            listed[key] = digest.hexdigest()
    return listed


def _archived(archive: zipfile.ZipFile, key: str) -> bytes:
    return archive.read(f"{PREFIX}/{key}")


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def verify_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    for key, expected in manifest.get("files", {}).items():
        try:
            with archive.open(f"{PREFIX}/{key}") as content:
                actual = _sha256(content)
        except KeyError as exc:
            raise FilesError(f"The archive lacks a file its manifest lists ({key})") from exc
        if actual != expected:
            raise FilesError(
                "A file in the archive does not match its checksum: it is damaged or was changed"
            )


def check_files_target(manifest: dict[str, Any]) -> None:
    """Refuse before restoring anything if a file would overwrite a different one."""
    for key, expected in manifest.get("files", {}).items():
        alias, name = key.split("/", 1)
        storage = _storage(alias)
        if storage.exists(name):
            with storage.open(name, "rb") as present:
                if _sha256(present) != expected:
                    raise FilesError(
                        f"A different file is already stored as {name} in {alias!r}: not overwriting it"
                    )


def restore_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> int:
    """Write the archive's files back; return how many were written (the rest were in place)."""
    restored = 0
    for key in manifest.get("files", {}):
        alias, name = key.split("/", 1)
        storage = _storage(alias)
        if storage.exists(name):  # the same file (check_files_target)
            continue
        saved = storage.save(name, ContentFile(_archived(archive, key)))
        if saved != name:
            raise FilesError(f"{name} was stored as {saved} in {alias!r}")
        restored += 1
    return restored
