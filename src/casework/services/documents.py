"""Documents on a child's record: uploaded, generated from what is recorded
(`casework.documents`), and downloaded (an export)."""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future, required
from people.models import Person

from .. import rendering
from ..documents import registry
from ..models import Document
from .uploads import check_upload

DOCUMENT_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
)

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def upload_document(
    *,
    actor: User,
    person: Person,
    title: str,
    doc_type: str,
    document_date: date,
    upload: Any,
    restricted: bool = False,
    named_users: Collection[User] = (),
) -> Document:
    """File a document on the child's record; a restricted one is seen only by the uploader,
    the users named on it and users allowed restricted casework."""
    _require(actor, Permission.MANAGE_DOCUMENTS)
    not_in_future(document_date, field="document_date", label="The document date")
    required("title", title, "Enter a title")
    content_type = check_upload(upload, DOCUMENT_TYPES, DOCUMENT_MAX_BYTES, "upload")
    document = Document.objects.create(
        person=person,
        title=title.strip(),
        doc_type=doc_type,
        document_date=document_date,
        file=upload,
        content_type=content_type,
        size=upload.size,
        restricted=restricted,
        uploaded_by=actor,
    )
    if named_users:
        document.named_users.set(named_users)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        document,
        "Uploaded a document",
        changes={"doc_type": doc_type, "restricted": restricted},
    )
    return document


@transaction.atomic
def generate_document(*, actor: User, person: Person, generator_key: str, object_id: int) -> Document:
    """Generate a document from recorded data, render it to PDF and file it on the record.
    When nothing it says has changed since it was last made, the copy filed then is given
    back (`reused`), not filed again."""
    _require(actor, Permission.MANAGE_DOCUMENTS)
    generator = registry().get(generator_key)
    if generator is None:
        raise ValidationError({"generator": "Choose a document to generate"})
    if object_id not in {pk for pk, _ in generator.options(person)}:
        raise ValidationError({"generator": "That record cannot be used for this document"})
    doc = generator.build(person, object_id, actor)
    source_key = f"{generator.key}:{object_id}"
    digest = rendering.content_hash(doc)
    same = Document.objects.filter(person=person, source_key=source_key, content_hash=digest).order_by("-pk")
    if existing := same.first():
        existing.reused = True
        return existing
    pdf = rendering.to_pdf(doc)
    document = Document(
        person=person,
        title=doc.title,
        doc_type=generator.doc_type,
        document_date=timezone.localdate(),
        content_type="application/pdf",
        size=len(pdf),
        generator=generator.key,
        source_key=source_key,
        content_hash=digest,
        uploaded_by=actor,
    )
    document.file.save(f"{generator.key.replace('.', '-')}-{object_id}.pdf", ContentFile(pdf), save=False)
    document.save()
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        document,
        f"Generated a document: {generator.title}"[:200],
        changes={"generator": generator.key, "object_id": object_id},
    )
    return document


def record_document_download(*, actor: User, document: Document) -> None:
    """Downloading a file copies the record out of Harbour: audited as an export."""
    auditor.record(
        actor=actor,
        action=AuditAction.EXPORT,
        person=document.person,
        obj=document,
        summary="Downloaded a document",
    )
