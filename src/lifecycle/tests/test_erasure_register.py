"""Restore re-applies erasures: every approved erasure is written to the erasure register,
outside the database, once it commits; restoring a backup taken before an erasure erases the
record again (rows, files and all) and says so; the register holds no personal data."""

import io
import json
import os
import stat
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from audit.models import AuditAction, AuditEvent
from audit.services import verify_chain
from casework.models import Document, DocumentType
from lifecycle import backup, erasure_register, sealing, services
from lifecycle.management.commands.backup import signing_key
from people.models import Person


@pytest.fixture
def key(tmp_path):
    identity_file = tmp_path / "identity.txt"
    recipient = sealing.new_identity_file(identity_file)
    return recipient, sealing.identities_in(identity_file)


def _erase(person, reviewer, approver):
    proposal = services.propose_deletion(actor=reviewer, person=person)
    return services.approve_deletion(actor=approver, request=proposal, reason="Checked")


@pytest.mark.django_db
def test_approved_erasure_is_registered_once_it_commits_without_personal_data(
    old_child, reviewer, approver, erasure_register, django_capture_on_commit_callbacks
):
    harbour_id, pk = old_child.la_child_id, old_child.pk

    with django_capture_on_commit_callbacks() as callbacks:
        request = _erase(old_child, reviewer, approver)
        assert erasure_register_lines(erasure_register) == []  # not before it commits
    for callback in callbacks:
        callback()

    (line,) = erasure_register_lines(erasure_register)
    assert line["record"] == "people.person" and line["pk"] == pk and line["harbour_id"] == harbour_id
    assert line["approval"] == f"deletion request {request.pk}" and line["erased_at"]
    text = erasure_register.read_text()
    assert "Old" not in text and "Record" not in text and "1980" not in text
    assert stat.S_IMODE(os.stat(erasure_register).st_mode) == 0o600


def erasure_register_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.django_db(transaction=True)
def test_restore_erases_again_a_record_erased_after_the_backup_was_taken(
    old_child, social_worker, reviewer, approver, tmp_path, key, capsys
):
    recipient, identities = key
    name = default_storage.save("documents/2026/12/old-record.pdf", ContentFile(b"%PDF-1.7 old"))
    Document.objects.create(
        person=old_child,
        title="Old plan",
        doc_type=DocumentType.choices[0][0],
        document_date=date(2026, 12, 1),
        file=name,
        uploaded_by=social_worker,
        content_type="application/pdf",
    )
    kept = Person.objects.exclude(pk=old_child.pk).count()
    archive = tmp_path / "before-erasure.age"
    backup.write_backup(archive, [recipient], signing_key(io.StringIO()))  # as the backup command signs
    harbour_id, pk = old_child.la_child_id, old_child.pk
    _erase(old_child, reviewer, approver)
    assert not default_storage.exists(name)
    call_command("flush", interactive=False, verbosity=0)

    report = backup.restore_backup(archive, identities)

    assert report.erased_again == (harbour_id,)
    assert not Person.objects.filter(pk=pk).exists() and Person.objects.count() == kept
    assert not Document.objects.exists() and not default_storage.exists(name)
    again = AuditEvent.objects.get(action=AuditAction.DELETE, person_id=pk)
    assert again.summary.startswith(f"Record {harbour_id} erased again after a restore")
    assert report.audit_chain_ok and verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_restore_command_names_the_records_it_erased_again(
    old_child, reviewer, approver, tmp_path, key, capsys
):
    recipient, _ = key
    archive = tmp_path / "before-erasure.age"
    backup.write_backup(archive, [recipient], signing_key(io.StringIO()))  # as the backup command signs
    harbour_id = old_child.la_child_id
    _erase(old_child, reviewer, approver)
    call_command("flush", interactive=False, verbosity=0)

    call_command("restore", str(archive), identity=str(tmp_path / "identity.txt"), no_migrate=True)

    assert (
        f"Erased again 1 records erased since the backup was taken (the erasure register): {harbour_id}."
        in (capsys.readouterr().out)
    )


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_records_erased_only_in_another_installation(old_child, tmp_path, key):
    """A register line names the record by key and Harbour ID together: another record at
    that key is not erased."""
    recipient, identities = key
    archive = tmp_path / "backup.age"
    backup.write_backup(archive, [recipient])
    erasure_register.append(
        erasure_register.Erasure("people.person", old_child.pk, "HB9999999", "2026-12-01T10:00:00+00:00", "x")
    )
    call_command("flush", interactive=False, verbosity=0)

    report = backup.restore_backup(archive, identities)

    assert report.erased_again == () and Person.objects.filter(pk=old_child.pk).exists()


@pytest.mark.django_db
def test_restore_is_refused_when_the_register_cannot_be_read(erasure_register, tmp_path, key):
    erasure_register.parent.mkdir(parents=True, exist_ok=True)
    erasure_register.write_text("not json\n")

    with pytest.raises(backup.BackupError, match="Line 1 of the erasure register"):
        backup.restore_backup(tmp_path / "any.age", key[1])


@pytest.mark.django_db
def test_erasure_stands_and_the_line_is_logged_when_the_register_cannot_be_written(
    old_child, reviewer, approver, settings, tmp_path, caplog, django_capture_on_commit_callbacks
):
    (tmp_path / "not-a-folder").write_text("")
    settings.HARBOUR_ERASURE_REGISTER = str(tmp_path / "not-a-folder" / "erasure-register.jsonl")
    harbour_id = old_child.la_child_id

    with django_capture_on_commit_callbacks(execute=True):
        _erase(old_child, reviewer, approver)

    assert not Person.objects.filter(la_child_id=harbour_id).exists()
    assert "the erasure register could not be written" in caplog.text and harbour_id in caplog.text
    assert "Old" not in caplog.text
