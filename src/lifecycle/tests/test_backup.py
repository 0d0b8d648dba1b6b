"""Backup and restore: every record and audit row comes back, and the chain verifies."""

import zipfile

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.serializers import serialize

from audit import services as auditor
from audit.models import AuditAction, AuditEvent
from lifecycle import backup
from people import services as people


def _snapshot():
    return {
        model._meta.label_lower: serialize("json", model._base_manager.order_by("pk"))
        for model in backup._models()
    }


@pytest.fixture
def some_records(social_worker, child, admin_user):
    people.create_person(
        actor=social_worker,
        data={"record_type": "ADULT", "given_name": "Sarah", "family_name": "Hughes", "sex": "F"},
    )
    for n in range(5):
        auditor.record(actor=social_worker, action=AuditAction.VIEW, person=child, summary=f"Viewed {n}")
    return child


@pytest.mark.django_db(transaction=True)
def test_restore_into_empty_database_finds_every_record_and_audit_row_when_backed_up(some_records, tmp_path):
    before = _snapshot()
    audit_rows = AuditEvent.objects.count()
    archive = tmp_path / "harbour.zip"
    manifest = backup.write_backup(archive)
    assert manifest["counts"]["people.person"] == 2
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()

    report = backup.restore_backup(archive)

    assert _snapshot() == before
    assert report.audit_rows == audit_rows and report.audit_chain_ok
    # New rows continue the sequences and the chain after a restore.
    auditor.record(actor=None, action=AuditAction.SIGN_IN_FAILED, summary="after restore")
    assert auditor.verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_restore_is_refused_when_database_not_empty(some_records, tmp_path):
    archive = tmp_path / "harbour.zip"
    backup.write_backup(archive)

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), "--no-migrate")


@pytest.mark.django_db
def test_damaged_archive_is_refused_when_data_changed(some_records, tmp_path):
    archive = tmp_path / "harbour.zip"
    backup.write_backup(archive)
    with zipfile.ZipFile(archive) as original:
        data = original.read("data.jsonl").replace(b"Amelia", b"Amelie")
        manifest = original.read("manifest.json")
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as out:
        out.writestr("data.jsonl", data)
        out.writestr("manifest.json", manifest)

    with pytest.raises(backup.BackupError, match="checksum"):
        backup.verify_archive(tampered)


@pytest.mark.django_db
def test_sidecar_checksum_detects_change_when_archive_altered(some_records, tmp_path):
    archive = tmp_path / "harbour.zip"
    backup.write_backup(archive)
    with open(archive, "ab") as handle:
        handle.write(b"x")

    with pytest.raises(backup.BackupError, match=r"\.sha256"):
        backup.verify_archive(archive)


@pytest.mark.django_db
def test_backup_command_reports_rows_when_run(some_records, tmp_path, capsys):
    call_command("backup", "--output", str(tmp_path / "b.zip"))
    call_command("restore", str(tmp_path / "b.zip"), "--check-only")

    out = capsys.readouterr().out
    assert "Backed up" in out and "Archive intact" in out


def test_every_project_model_is_backed_up_when_listed():
    listed = {m._meta.label_lower for m in backup._models()}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.managed and not model._meta.proxy and label not in backup.EXCLUDED:
            assert label in listed
