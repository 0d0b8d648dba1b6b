"""Subject access: a request for the record, its one-month clock (extendable once), a review
with third-party items redacted, a second person's approval, and the release."""

from datetime import date

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
from core.extensions import changed
from core.validation import not_in_future, required
from core.workflow import transition
from people.models import Person

from .. import exports, rendering
from ..clocks import max_extension_months, subject_access_due
from ..machines import SubjectAccessMachine
from ..models import (
    Document,
    SARStatus,
    SubjectAccessItem,
    SubjectAccessRequest,
    SubjectAccessRequestStatusChange,
)


def _sar_transition(sar: SubjectAccessRequest, event: str, actor: User, reason: str = "") -> None:
    """One step of the request's workflow, with its history row and audit."""
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
    required("requested_by_name", requested_by_name, "Enter who asked for the record")
    sar = SubjectAccessRequest.objects.create(
        person=person, requested_by_name=requested_by_name.strip(), received_on=received_on, created_by=actor
    )
    audit_and_tell(actor, AuditAction.CREATE, person, sar, "Subject access request received")
    return sar


@transaction.atomic
def extend_subject_access(
    *, actor: User, sar: SubjectAccessRequest, months: int, reason: str, told_on: date
) -> SubjectAccessRequest:
    """Extend the one-month clock by one or two further months for a complex or numerous
    request (UK GDPR Art 12(3)). The requester must have been told, with the reasons, within
    the first month; an extension is recorded once and the request must still be open."""
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    if sar.status == SARStatus.RELEASED:
        raise ValidationError({"months": "The record has been released: the request is closed"})
    if sar.extension_months:
        raise ValidationError({"months": "The time limit for this request has already been extended"})
    if months not in range(1, max_extension_months() + 1):
        raise ValidationError({"months": "Choose an extension of one or two months"})
    required("reason", reason, "Say why the request needs more time")
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
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        sar.person,
        sar,
        "Extended the time limit of a subject access request",
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
    changed(sar.person)
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
    edited = 0
    for pk, (redact, reason) in decisions.items():
        item = items.get(pk)
        if item is None:
            continue
        if (item.redact, item.reason) != (redact, reason.strip() if redact else ""):
            item.redact, item.reason = redact, (reason.strip() if redact else "")
            item.save(update_fields=["redact", "reason"])
            edited += 1
    sar.reviewed_by = actor
    sar.save(update_fields=["reviewed_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=sar.person,
        obj=sar,
        summary="Reviewed redactions",
        changes={"changed": edited, "redacted": sum(1 for i in items.values() if i.redact)},
    )
    changed(sar.person)
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
    changed(sar.person)
    return sar


@transaction.atomic
def return_subject_access(*, actor: User, sar: SubjectAccessRequest, reason: str) -> SubjectAccessRequest:
    _require(actor, Permission.HANDLE_SUBJECT_ACCESS)
    required("reason", reason, "Say what needs to change")
    sar.approved_by = None
    sar.save(update_fields=["approved_by"])
    _sar_transition(sar, "return_to_review", actor, reason=reason.strip())
    changed(sar.person)
    return sar


@transaction.atomic
def release_subject_access(*, actor: User, sar: SubjectAccessRequest) -> Document:
    """Produce the PDF with redactions applied, file it (restricted) and log the release."""
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
    audit_and_tell(
        actor,
        AuditAction.EXPORT,
        sar.person,
        sar,
        "Released a subject access copy",
        changes={"items": sar.items.count(), "redacted": sar.items.filter(redact=True).count()},
    )
    return document
