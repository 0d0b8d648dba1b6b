"""Checks on a file uploaded to a child's record: its type, size, and that its bytes are what
its type claims (read with `puremagic`; an Office or OpenDocument file by its zip's contents,
plain text by being text and nothing `puremagic` knows as another type)."""

import zipfile
from collections.abc import Collection
from typing import Any

import puremagic
from django.core.exceptions import ValidationError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

# For each type a file may claim, the extensions `puremagic` gives for bytes of that type.
_MAGIC = {
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "audio/mpeg": {".mp3", ".mpga"},
    "audio/mp4": {".m4a", ".f4a", ".mp4"},
    "audio/x-m4a": {".m4a", ".f4a", ".mp4"},
    "audio/ogg": {".ogg", ".oga", ".opus"},
    "audio/wav": {".wav"},
    "audio/x-wav": {".wav"},
    "audio/webm": {".webm"},
    "application/pdf": {".pdf"},
    "application/msword": {".doc"},
}

# Enough of the start of a file for every signature above.
_HEAD_BYTES = 64 * 1024


def _magic(head: bytes) -> set[str]:
    try:
        return {match.extension for match in puremagic.magic_string(head)}
    except (puremagic.PureError, ValueError):
        return set()


def _zip_holds(upload: Any, content_type: str) -> bool:
    """A Word (.docx) or OpenDocument text file: a zip holding that format's parts."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if content_type == DOCX:
                return {"[Content_Types].xml", "word/document.xml"} <= names
            return "mimetype" in names and archive.read("mimetype").strip() == ODT.encode()
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _is_text(head: bytes) -> bool:
    """Plain text: no NUL byte, decodes as UTF-8 (a cut at the end of `head` allowed), and is
    not a type `puremagic` knows (an HTML page or an SVG picture is not plain text)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return False
    return not _magic(head)


def _bytes_match(upload: Any, content_type: str) -> bool:
    """Whether the file's bytes are of the type it claims."""
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    try:
        if content_type in (DOCX, ODT):
            return _zip_holds(upload, content_type)
        if content_type == "text/plain":
            return _is_text(head)
        return bool(_magic(head) & _MAGIC.get(content_type, set()))
    finally:
        upload.seek(0)


def check_upload(upload: Any, allowed: Collection[str], max_bytes: int, field: str) -> str:
    """Refuses a file of a type not allowed, too big, empty, or whose bytes are not of the type
    it claims; gives the type it claims (lower case, without parameters)."""
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type not in allowed:
        raise ValidationError(
            {field: "The selected file must be a picture or a sound recording"}
            if field == "attachment"
            else {field: "The selected file type is not allowed"}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            {field: f"The selected file must be smaller than {max_bytes // (1024 * 1024)}MB"}
        )
    if upload.size == 0:
        raise ValidationError({field: "The selected file is empty"})
    if not _bytes_match(upload, content_type):
        raise ValidationError({field: "The selected file is not the type it claims to be"})
    return content_type
