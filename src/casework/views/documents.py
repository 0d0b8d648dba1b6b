"""Documents on a child's record: the list, uploading one, generating one from what is
recorded, and opening or downloading one (a restricted one only for those its rule lets)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest, file_download
from people import read_audit
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from .. import services
from ..access import may_open_document
from ..documents import registry
from ..forms import DocumentUploadForm, GenerateDocumentForm
from ..models import Document


def _check_openable(user: User, document: Document) -> None:
    """The document's own rule, after the door let the user into the child's record: a
    restricted document only for the uploader, those named on it and managers."""
    if not may_open_document(user, document):
        read_audit.record_refusal(user, person=document.person, obj=document, reason="restricted document")
        raise PermissionDenied("restricted document")


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Documents")
@require_GET
def documents(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    rows = [(d, may_open_document(request.user, d)) for d in Document.objects.filter(person=person)]
    return render(request, "casework/documents.jinja", {"person": person, "documents": rows})


@requires(Permission.MANAGE_DOCUMENTS)
@with_person(Purpose.EDIT, page="Upload a document")
@require_http_methods(["GET", "POST"])
def upload_document(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    def upload(data: dict[str, Any]) -> None:
        usernames = [u.strip() for u in (data.pop("named_usernames") or "").split(",") if u.strip()]
        named = list(User.objects.filter(username__in=usernames, is_active=True))
        if len(named) != len(set(usernames)):
            raise ValidationError({"named_usernames": "Enter the usernames of people who use Harbour"})
        services.upload_document(actor=request.user, person=person, named_users=named, **data)

    return form_page(
        request,
        DocumentUploadForm(request.POST or None, request.FILES or None),
        upload,
        title="Upload a document",
        success="Document uploaded",
        next_url=reverse("casework:documents", args=[person.pk]),
        person=person,
        template="casework/upload.jinja",
    )


@requires(Permission.MANAGE_DOCUMENTS)
@with_person(Purpose.EDIT, page="Generate a document")
@require_http_methods(["GET", "POST"])
def generate_document(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    options = []
    for gen in registry().values():
        if gen.for_children_only and person.record_type != "CHILD":
            continue
        for object_id, label in gen.options(person):
            options.append((f"{gen.key}|{object_id}", f"{gen.title}: {label}"))

    def generate(data: dict[str, Any]) -> Document:
        key, _, object_id = data["choice"].partition("|")
        return services.generate_document(
            actor=request.user, person=person, generator_key=key, object_id=int(object_id)
        )

    return form_page(
        request,
        GenerateDocumentForm(request.POST or None, options=options),
        generate,
        title="Generate a document",
        success=lambda document: (
            "Nothing in this document has changed since it was made: this is the copy made then"
            if document.reused
            else "Document generated"
        ),
        next_url=lambda document: reverse("casework:document_detail", args=[document.pk]),
        person=person,
        template="casework/generate.jinja",
        context={"options": options},
        rename={"generator": "choice"},
    )


@requires(Permission.VIEW_CHRONOLOGY)
@with_record(Document, Purpose.VIEW, page="Document")
@require_GET
def document_detail(request: AuthenticatedHttpRequest, document: Document) -> HttpResponse:
    _check_openable(request.user, document)
    return render(
        request, "casework/document_detail.jinja", {"person": document.person, "document": document}
    )


@requires(Permission.VIEW_CHRONOLOGY)
@with_record(Document, Purpose.VIEW, page="Document")
@require_GET
def download_document(request: AuthenticatedHttpRequest, document: Document) -> HttpResponse:
    _check_openable(request.user, document)
    services.record_document_download(actor=request.user, document=document)
    name = (document.file.name or "document").rsplit("/", 1)[-1]
    return file_download(document.file.open("rb"), document.content_type, name)  # type: ignore[return-value]
