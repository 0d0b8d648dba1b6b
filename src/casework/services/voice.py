"""The child's voice: their wishes and feelings in their own words, drawing or recording."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future
from people.models import Person

from ..models import ChildView
from .uploads import check_upload

VOICE_TYPES = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/wav",
    "audio/webm",
    "audio/x-wav",
    "audio/x-m4a",
)

VOICE_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def record_child_view(
    *,
    actor: User,
    person: Person,
    recorded_on: date,
    words: str = "",
    method: str = "",
    attachment: Any = None,
    informed_kind: str = "",
    informed_on: date | None = None,
    informed_text: str = "",
    informed_source_key: str = "",
) -> ChildView:
    """Record the child's wishes and feelings in their own words, drawing or recording."""
    _require(actor, Permission.RECORD_CASE_NOTE)
    not_in_future(recorded_on, field="recorded_on")
    if not words.strip() and attachment is None:
        raise ValidationError({"words": "Enter what the child said, or upload their drawing or recording"})
    attachment_type = ""
    if attachment is not None:
        attachment_type = check_upload(attachment, VOICE_TYPES, VOICE_MAX_BYTES, "attachment")
    view = ChildView.objects.create(
        person=person,
        recorded_on=recorded_on,
        words=words.strip(),
        method=method.strip(),
        attachment=attachment or "",
        attachment_type=attachment_type,
        informed_kind=informed_kind.strip(),
        informed_on=informed_on,
        informed_text=informed_text.strip(),
        informed_source_key=informed_source_key.strip(),
        recorded_by=actor,
    )
    audit_and_tell(actor, AuditAction.CREATE, person, view, "Recorded the child's views")
    return view
