"""Erasure erases: the stored files of an erased record go once the deletion commits (never
before, never on a rollback), and approval asks again whether the record is still due."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework import services as casework
from lifecycle import services
from lifecycle.models import DeletionStatus
from people.models import Person
from protection.tests.factories import make_referral
from returns.models import ExportRun, RunStatus

PDF = b"%PDF-1.4\n" + b"0" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
OGG = b"OggS\x00\x02" + b"\x00" * 64


def _return_run(actor, name: str, content: bytes) -> ExportRun:
    path = storages["returns"].save(f"cin_census/{name}", ContentFile(content))
    return ExportRun.objects.create(
        return_name="cin_census",
        year=2026,
        requested_by=actor,
        requested_at=timezone.now(),
        status=RunStatus.SUCCEEDED,
        file_name=name,
        file_path=path,
        file_size=len(content),
    )


def _zip(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def filed(old_child, social_worker):
    """Each kind of file Harbour keeps about a child: an uploaded document, a generated PDF,
    a drawing and a recording of theirs, and return files naming them (and one that does not)."""
    uploaded = casework.upload_document(
        actor=social_worker,
        person=old_child,
        title="School report",
        doc_type="REPORT",
        document_date=date(1995, 4, 1),
        upload=SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
    )
    generated = casework.generate_document(
        actor=social_worker, person=old_child, generator_key="casework.my_record", object_id=old_child.pk
    )
    drawing = casework.record_child_view(
        actor=social_worker,
        person=old_child,
        recorded_on=date(1990, 4, 1),
        attachment=SimpleUploadedFile("me.png", PNG, content_type="image/png"),
    )
    recording = casework.record_child_view(
        actor=social_worker,
        person=old_child,
        recorded_on=date(1990, 4, 2),
        attachment=SimpleUploadedFile("me.ogg", OGG, content_type="audio/ogg"),
    )
    ref = old_child.la_child_id.encode()
    census = _return_run(social_worker, "census.xml", b"<LAchildID>" + ref + b"</LAchildID>")
    ssda903 = _return_run(social_worker, "ssda903.zip", _zip(**{"header.csv": b"CHILD\n" + ref + b",M\n"}))
    other = _return_run(social_worker, "other.xml", b"<LAchildID>" + ref + b"9</LAchildID>")
    default = storages["default"]
    return {
        "uploaded document": (default, uploaded.file.name),
        "generated PDF": (default, generated.file.name),
        "drawing": (default, drawing.attachment.name),
        "recording": (default, recording.attachment.name),
        "CIN census file": (storages["returns"], census.file_path),
        "SSDA903 file (zipped)": (storages["returns"], ssda903.file_path),
    }, other


def _existing(files):
    return {kind for kind, (storage, name) in files.items() if storage.exists(name)}


def test_erasure_deletes_each_kind_of_file_only_after_it_commits(
    filed, old_child, reviewer, approver, django_capture_on_commit_callbacks
):
    files, other = filed
    assert _existing(files) == set(files)
    proposal = services.propose_deletion(actor=reviewer, person=old_child)

    with django_capture_on_commit_callbacks() as callbacks:
        services.approve_deletion(actor=approver, request=proposal, reason="Checked")
        assert not Person.objects.filter(pk=old_child.pk).exists()
        assert _existing(files) == set(files)  # rows gone, files not yet: the deletion has not committed
    for callback in callbacks:
        callback()

    assert _existing(files) == set()
    assert storages["returns"].exists(other.file_path)  # names another child only
    assert not ExportRun.objects.filter(file_name__in=["census.xml", "ssda903.zip"]).exclude(file_path="")
    proposal.refresh_from_db()
    assert proposal.status == DeletionStatus.DELETED


def test_erasure_that_rolls_back_leaves_every_file(
    filed, old_child, reviewer, approver, monkeypatch, django_capture_on_commit_callbacks
):
    files, _ = filed
    person_id = old_child.pk
    proposal = services.propose_deletion(actor=reviewer, person=old_child)

    def fail(*args, **kwargs):
        raise RuntimeError("the audit could not be written")

    monkeypatch.setattr(services.auditor, "record", fail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        services.approve_deletion(actor=approver, request=proposal)

    assert callbacks == []
    assert Person.objects.filter(pk=person_id).exists()
    assert _existing(files) == set(files)
    assert ExportRun.objects.exclude(file_path="").count() == 3


def test_approval_refused_when_a_referral_was_opened_since_the_proposal(
    old_child, reviewer, approver, social_worker
):
    proposal = services.propose_deletion(actor=reviewer, person=old_child)
    make_referral(old_child, social_worker, referral_date=date(2026, 11, 30))

    with pytest.raises(ValidationError, match="can no longer be deleted"):
        services.approve_deletion(actor=approver, request=proposal, reason="Checked")

    assert Person.objects.filter(pk=old_child.pk).exists()
    proposal.refresh_from_db()
    assert proposal.status == DeletionStatus.PROPOSED


def test_approval_page_says_why_when_a_referral_was_opened_since(
    client, old_child, reviewer, approver, social_worker
):
    proposal = services.propose_deletion(actor=reviewer, person=old_child)
    make_referral(old_child, social_worker, referral_date=date(2026, 11, 30))
    client.force_login(approver)

    response = client.post(reverse("lifecycle:request", args=[proposal.pk]), {"decision": "approve"})

    assert response.status_code == 400
    assert "can no longer be deleted" in response.content.decode()
    assert Person.objects.filter(pk=old_child.pk).exists()


def test_returns_page_says_a_return_file_was_deleted_with_an_erased_record(
    client, filed, old_child, reviewer, approver, django_capture_on_commit_callbacks
):
    proposal = services.propose_deletion(actor=reviewer, person=old_child)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_deletion(actor=approver, request=proposal)
    census = ExportRun.objects.get(file_name="census.xml")
    client.force_login(reviewer)

    page = client.get(reverse("returns:exports")).content.decode()

    assert "File deleted when a child's record it held was erased" in page
    assert client.get(reverse("returns:download", args=[census.pk])).status_code == 404
    assert client.get(reverse("returns:download", args=[filed[1].pk])).status_code == 200
