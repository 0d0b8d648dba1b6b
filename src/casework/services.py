"""Casework services: visits, the chronology, case notes, the child's voice, documents and
subject access. Each takes the acting user, is atomic, checks permission and is audited."""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from core.validation import not_in_future
from people.models import Person

from . import chronology, exports, rendering
from .documents import registry
from .machines import CaseNoteMachine, SubjectAccessMachine
from .models import (
    CaseNote,
    CaseNoteStatus,
    CaseNoteStatusChange,
    ChildView,
    ChronologyAnnotation,
    ChronologyEntry,
    Document,
    SARStatus,
    SubjectAccessItem,
    SubjectAccessRequest,
    SubjectAccessRequestStatusChange,
    Visit,
)


@transaction.atomic
def record_visit(
    *,
    actor: User,
    person: Person,
    kind: str,
    visited_on: date,
    child_seen: bool,
    seen_alone: bool = False,
    bedroom_seen: bool | None = None,
    announced: bool = True,
    location: str = "",
    purpose: str = "",
    child_said: str = "",
    worker: User | None = None,
) -> Visit:
    """Record a visit to the child (statutory visit clocks read these rows)."""
    if not actor.has_perm(Permission.RECORD_VISIT.value):
        raise PermissionDenied(Permission.RECORD_VISIT.value)
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": "The visit date must be today or in the past"})
    if seen_alone and not child_seen:
        raise ValidationError({"seen_alone": "A child can only be seen alone if they were seen"})
    visit = Visit.objects.create(
        person=person,
        kind=kind,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone,
        bedroom_seen=bedroom_seen,
        announced=announced,
        location=location.strip(),
        purpose=purpose.strip(),
        child_said=child_said.strip(),
        worker=worker or actor,
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=visit,
        summary=f"Recorded {visit.get_kind_display().lower()}",
        changes={"visited_on": visited_on, "child_seen": child_seen, "seen_alone": seen_alone},
    )
    return visit


# --- Chronology ----------------------------------------------------------------------------


@transaction.atomic
def annotate_event(
    *,
    actor: User,
    person: Person,
    source_key: str,
    significant: bool,
    impact: str = "",
    analysis: str = "",
) -> ChronologyAnnotation:
    """Mark a chronology event significant (or not) and record its impact and analysis.
    Earlier annotations are kept as history."""
    _require(actor, Permission.CURATE_CHRONOLOGY)
    if chronology.find(person.pk, source_key, user=actor) is None:
        raise ValidationError({"source_key": "That event is not in this child's chronology"})
    note = ChronologyAnnotation.objects.create(
        person=person,
        source_key=source_key,
        significant=significant,
        impact=impact.strip(),
        analysis=analysis.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=person,
        obj=note,
        summary="Curated a chronology entry",
        changes={"source_key": source_key, "significant": significant},
    )
    return note


@transaction.atomic
def add_chronology_entry(
    *,
    actor: User,
    person: Person,
    occurred_on: date,
    agency: str,
    what_happened: str,
    source_of_information: str,
    impact: str = "",
    significant: bool = False,
    restricted: bool = False,
) -> ChronologyEntry:
    """Add an event to the chronology by hand (usually reported by a partner agency)."""
    _require(actor, Permission.CURATE_CHRONOLOGY)
    not_in_future(occurred_on, field="occurred_on")
    if not what_happened.strip():
        raise ValidationError({"what_happened": "Enter what happened"})
    entry = ChronologyEntry.objects.create(
        person=person,
        occurred_on=occurred_on,
        agency=agency.strip(),
        what_happened=what_happened.strip(),
        source_of_information=source_of_information.strip(),
        impact=impact.strip(),
        significant=significant,
        restricted=restricted,
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=entry,
        summary="Added a chronology entry",
        changes={"occurred_on": occurred_on, "significant": significant},
    )
    return entry


@transaction.atomic
def export_chronology(
    *,
    actor: User,
    person: Person,
    fmt: str,
    filters: chronology.Filters,
    person_ids: Collection[int] | None = None,
    names: dict[int, str] | None = None,
) -> bytes:
    """The chronology as PDF or Word (.docx) for a court bundle. Audited as an export."""
    _require(actor, Permission.EXPORT_CHRONOLOGY)
    if fmt not in {"pdf", "docx"}:
        raise ValidationError({"format": "Choose PDF or Word"})
    events = chronology.collect(person_ids or [person.pk], user=actor, filters=filters)
    doc = exports.chronology_doc(person, events, filters, actor, names)
    data = rendering.to_pdf(doc) if fmt == "pdf" else rendering.to_docx(doc)
    auditor.record(
        actor=actor,
        action=AuditAction.EXPORT,
        person=person,
        summary=f"Exported the chronology ({fmt})",
        changes={
            "format": fmt,
            "entries": len(events),
            "significant_only": filters.significant_only,
            "from": filters.date_from,
            "to": filters.date_to,
        },
    )
    return data


# --- Case notes ----------------------------------------------------------------------------

NOTE_FIELDS = (
    "kind",
    "occurred_on",
    "title",
    "body",
    "child_seen",
    "seen_alone",
    "written_to_child",
    "restricted",
)


class StaleNote(Exception):
    """Someone else saved the note since this version was loaded."""

    def __init__(self, current: CaseNote) -> None:
        super().__init__("stale case note")
        self.current = current


def _validate_note(data: dict[str, Any], *, final: bool) -> None:
    not_in_future(data.get("occurred_on"), field="occurred_on")
    if data.get("seen_alone") and data.get("child_seen") is False:
        raise ValidationError({"seen_alone": "A child can only be seen alone if they were seen"})
    if final and not (data.get("body") or "").strip():
        raise ValidationError({"body": "Enter the case note"})


@transaction.atomic
def start_case_note(*, actor: User, person: Person, data: dict[str, Any]) -> CaseNote:
    """Open a draft case note (it saves as the worker types until they finalise it)."""
    _require(actor, Permission.RECORD_CASE_NOTE)
    clean = {k: data[k] for k in NOTE_FIELDS if k in data}
    clean.setdefault("occurred_on", timezone.localdate())
    _validate_note(clean, final=False)
    note = CaseNote.objects.create(person=person, author=actor, updated_by=actor, **clean)
    auditor.record(
        actor=actor, action=AuditAction.CREATE, person=person, obj=note, summary="Started a case note"
    )
    return note


@transaction.atomic
def save_case_note(
    *, actor: User, note: CaseNote, expected_version: int, data: dict[str, Any], client_id: str = ""
) -> CaseNote:
    """Save the draft. Refuses (StaleNote) if someone saved a newer version meanwhile.

    `client_id` identifies the browser tab (autosave): a newer version saved by the same
    user from the same tab (e.g. the save sent as the page unloaded) is not a conflict."""
    _require(actor, Permission.RECORD_CASE_NOTE)
    current = CaseNote.objects.select_for_update().get(pk=note.pk)
    if current.status != CaseNoteStatus.DRAFT:
        raise ValidationError({"body": "This case note is final and can no longer be changed"})
    own_save = bool(client_id) and current.last_client_id == client_id and current.updated_by_id == actor.pk
    if current.version != expected_version and not own_save:
        raise StaleNote(current)
    clean = {k: data[k] for k in NOTE_FIELDS if k in data}
    _validate_note({**{k: getattr(current, k) for k in NOTE_FIELDS}, **clean}, final=False)
    changed = {k: v for k, v in clean.items() if getattr(current, k) != v}
    for key, value in clean.items():
        setattr(current, key, value)
    current.version += 1
    current.updated_by = actor
    current.last_client_id = client_id[:40]
    current.save()
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=current.person,
        obj=current,
        summary="Saved a draft case note",
        changes={"fields": sorted(changed), "version": current.version},
    )
    return current


@transaction.atomic
def finalise_case_note(
    *, actor: User, note: CaseNote, expected_version: int, data: dict[str, Any]
) -> CaseNote:
    """Save the last changes and make the note final (it then appears in the chronology)."""
    note = save_case_note(actor=actor, note=note, expected_version=expected_version, data=data)
    _validate_note({k: getattr(note, k) for k in NOTE_FIELDS}, final=True)
    note.finalised_at = timezone.now()
    note.save(update_fields=["finalised_at"])
    _finalise_transition(note, actor)
    return note


def _finalise_transition(note: CaseNote, actor: User) -> None:
    from core.workflow import transition

    transition(
        note,
        "finalise",
        machine_cls=CaseNoteMachine,
        history_model=CaseNoteStatusChange,
        history_fk="case_note",
        actor=actor,
        person=note.person,
        summary="Finalised a case note",
    )


# --- The child's voice ---------------------------------------------------------------------

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
_SIGNATURES = {
    "image/png": (b"\x89PNG",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF8",),
}


def _check_upload(upload: Any, allowed: Collection[str], max_bytes: int, field: str) -> None:
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
    if attachment is not None:
        _check_upload(attachment, VOICE_TYPES, VOICE_MAX_BYTES, "attachment")
    view = ChildView.objects.create(
        person=person,
        recorded_on=recorded_on,
        words=words.strip(),
        method=method.strip(),
        attachment=attachment or "",
        attachment_type=(attachment.content_type if attachment is not None else ""),
        informed_kind=informed_kind.strip(),
        informed_on=informed_on,
        informed_text=informed_text.strip(),
        informed_source_key=informed_source_key.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor, action=AuditAction.CREATE, person=person, obj=view, summary="Recorded the child's views"
    )
    return view


# --- Documents ------------------------------------------------------------------------------

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
_SIGNATURES["application/pdf"] = (b"%PDF",)


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
    _require(actor, Permission.MANAGE_DOCUMENTS)
    not_in_future(document_date, field="document_date", label="The document date")
    if not title.strip():
        raise ValidationError({"title": "Enter a title"})
    _check_upload(upload, DOCUMENT_TYPES, DOCUMENT_MAX_BYTES, "upload")
    document = Document.objects.create(
        person=person,
        title=title.strip(),
        doc_type=doc_type,
        document_date=document_date,
        file=upload,
        content_type=upload.content_type,
        size=upload.size,
        restricted=restricted,
        uploaded_by=actor,
    )
    if named_users:
        document.named_users.set(named_users)
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=document,
        summary="Uploaded a document",
        changes={"doc_type": doc_type, "restricted": restricted},
    )
    return document


@transaction.atomic
def generate_document(*, actor: User, person: Person, generator_key: str, object_id: int) -> Document:
    """Generate a document from recorded data, render it to PDF and file it on the record."""
    from django.core.files.base import ContentFile

    _require(actor, Permission.MANAGE_DOCUMENTS)
    generator = registry().get(generator_key)
    if generator is None:
        raise ValidationError({"generator": "Choose a document to generate"})
    if object_id not in {pk for pk, _ in generator.options(person)}:
        raise ValidationError({"generator": "That record cannot be used for this document"})
    doc = generator.build(person, object_id, actor)
    pdf = rendering.to_pdf(doc)
    document = Document(
        person=person,
        title=doc.title,
        doc_type=generator.doc_type,
        document_date=timezone.localdate(),
        content_type="application/pdf",
        size=len(pdf),
        generator=generator.key,
        source_key=f"{generator.key}:{object_id}",
        uploaded_by=actor,
    )
    document.file.save(f"{generator.key.replace('.', '-')}-{object_id}.pdf", ContentFile(pdf), save=False)
    document.save()
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=document,
        summary=f"Generated a document: {generator.title}"[:200],
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


# --- Subject access ---------------------------------------------------------------------------


def _sar_transition(sar: SubjectAccessRequest, event: str, actor: User, reason: str = "") -> None:
    from core.workflow import transition

    transition(
        sar,
        event,
        machine_cls=SubjectAccessMachine,
        history_model=SubjectAccessRequestStatusChange,
        history_fk="request",
        actor=actor,
        person=sar.person,
        reason=reason,
        summary=f"Subject access request: {event.replace('_', ' ')}",
    )


@transaction.atomic
def create_subject_access_request(
    *, actor: User, person: Person, requested_by_name: str, received_on: date
) -> SubjectAccessRequest:
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    not_in_future(received_on, field="received_on", label="The date received")
    if not requested_by_name.strip():
        raise ValidationError({"requested_by_name": "Enter who asked for the record"})
    sar = SubjectAccessRequest.objects.create(
        person=person, requested_by_name=requested_by_name.strip(), received_on=received_on, created_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=sar,
        summary="Subject access request received",
    )
    return sar


@transaction.atomic
def extend_subject_access(
    *, actor: User, sar: SubjectAccessRequest, months: int, reason: str, told_on: date
) -> SubjectAccessRequest:
    """Extend the one-month clock by one or two further months for a complex or numerous
    request (UK GDPR Art 12(3)). The requester must have been told, with the reasons, within
    the first month; an extension is recorded once and the request must still be open."""
    from .clocks import max_extension_months, subject_access_due

    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if sar.status == SARStatus.RELEASED:
        raise ValidationError({"months": "The record has been released: the request is closed"})
    if sar.extension_months:
        raise ValidationError({"months": "The time limit for this request has already been extended"})
    if months not in range(1, max_extension_months() + 1):
        raise ValidationError({"months": "Choose an extension of one or two months"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the request needs more time"})
    not_in_future(told_on, field="told_on", label="The date the requester was told")
    first_month = subject_access_due(sar.received_on)
    if told_on < sar.received_on:
        raise ValidationError(
            {"told_on": "The requester must be told on or after the date the request was received"}
        )
    if told_on > first_month:
        raise ValidationError(
            {
                "told_on": f"The requester must be told of an extension within one month of receipt (by {first_month:%d/%m/%Y})"
            }
        )
    sar.extension_months = months
    sar.extension_reason = reason.strip()
    sar.extension_told_on = told_on
    sar.extended_by = actor
    sar.save(update_fields=["extension_months", "extension_reason", "extension_told_on", "extended_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=sar.person,
        obj=sar,
        summary="Extended the time limit of a subject access request",
        changes={"months": months, "told_on": told_on, "due": subject_access_due(sar.received_on, months)},
    )
    return sar


@transaction.atomic
def start_subject_access_review(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """Gather everything held; third-party items are pre-flagged for redaction."""
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    sar.items.all().delete()
    SubjectAccessItem.objects.bulk_create(
        SubjectAccessItem(
            request=sar,
            position=i,
            section=section,
            text=text,
            third_party=third,
            redact=third,
            reason="Information about another person" if third else "",
        )
        for i, (section, text, third) in enumerate(exports.subject_access_items(sar.person), start=1)
    )
    sar.reviewed_by = actor
    sar.save(update_fields=["reviewed_by"])
    _sar_transition(sar, "start_review", actor)
    return sar


@transaction.atomic
def set_redactions(
    *, actor: User, sar: SubjectAccessRequest, decisions: dict[int, tuple[bool, str]]
) -> SubjectAccessRequest:
    """The reviewer's decision for each item: (redact, reason). A redaction needs a reason."""
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if sar.status != SARStatus.IN_REVIEW:
        raise ValidationError({"items": "Redactions can only be changed while the request is in review"})
    items = {item.pk: item for item in sar.items.all()}
    missing = [pk for pk, (redact, reason) in decisions.items() if redact and not reason.strip()]
    if missing:
        raise ValidationError({"items": "Give a reason for every redaction"})
    changed = 0
    for pk, (redact, reason) in decisions.items():
        item = items.get(pk)
        if item is None:
            continue
        if (item.redact, item.reason) != (redact, reason.strip() if redact else ""):
            item.redact, item.reason = redact, (reason.strip() if redact else "")
            item.save(update_fields=["redact", "reason"])
            changed += 1
    sar.reviewed_by = actor
    sar.save(update_fields=["reviewed_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=sar.person,
        obj=sar,
        summary="Reviewed redactions",
        changes={"changed": changed, "redacted": sum(1 for i in items.values() if i.redact)},
    )
    return sar


@transaction.atomic
def approve_subject_access(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """A second person approves the redactions: not the reviewer."""
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if sar.reviewed_by_id == actor.pk:
        raise ValidationError({"status": "Someone other than the reviewer must approve the release"})
    sar.approved_by = actor
    sar.save(update_fields=["approved_by"])
    _sar_transition(sar, "approve", actor)
    return sar


@transaction.atomic
def return_subject_access(*, actor: User, sar: SubjectAccessRequest, reason: str) -> SubjectAccessRequest:
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs to change"})
    sar.approved_by = None
    sar.save(update_fields=["approved_by"])
    _sar_transition(sar, "return_to_review", actor, reason=reason.strip())
    return sar


@transaction.atomic
def release_subject_access(*, actor: User, sar: SubjectAccessRequest) -> Document:
    """Produce the PDF with redactions applied, file it (restricted) and log the release."""
    from django.core.files.base import ContentFile

    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if sar.status != SARStatus.APPROVED:
        raise ValidationError({"status": "The request must be approved before release"})
    pdf = rendering.to_pdf(exports.subject_access_doc(sar))
    _sar_transition(sar, "release", actor)
    sar.released_at = timezone.now()
    sar.save(update_fields=["released_at"])
    document = Document(
        person=sar.person,
        title=f"Subject access release {sar.pk}",
        doc_type="OTHER",
        document_date=timezone.localdate(),
        content_type="application/pdf",
        size=len(pdf),
        restricted=True,
        generator="casework.subject_access",
        source_key=f"casework.SubjectAccessRequest:{sar.pk}",
        uploaded_by=actor,
    )
    document.file.save(f"subject-access-{sar.pk}.pdf", ContentFile(pdf), save=False)
    document.save()
    document.named_users.set({u for u in (sar.created_by, sar.reviewed_by, sar.approved_by) if u})
    auditor.record(
        actor=actor,
        action=AuditAction.EXPORT,
        person=sar.person,
        obj=sar,
        summary="Released a subject access copy",
        changes={"items": sar.items.count(), "redacted": sar.items.filter(redact=True).count()},
    )
    return document
