"""Checks on a file uploaded to a child's record: its type, size, and that it is what it
claims to be."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError

# The first bytes of the types that have a fixed signature.
_SIGNATURES = {
    "image/png": (b"\x89PNG",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF8",),
    "application/pdf": (b"%PDF",),
}


def check_upload(upload: Any, allowed: Collection[str], max_bytes: int, field: str) -> None:
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
    signatures = _SIGNATURES.get(content_type)
    if signatures:
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError({field: "The selected file is not the type it claims to be"})
