"""Backup and restore: every record, file and audit row comes back, the chain verifies, and
the archive protects what it holds (encrypted to the authority's key, owner-only, tamper-evident)."""

import io
import json
import os
import stat
import zipfile

import pyotp
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.serializers import serialize
from django.utils import timezone

from accounts.models import TotpDevice
from audit import services as auditor
from audit.models import AuditAction, AuditEvent
from lifecycle import backup, sealing
from lifecycle.management.commands.backup import signing_key
from people import services as people


def _snapshot():
    return {
        model._meta.label_lower: serialize("json", model._base_manager.order_by("pk"))
        for model in backup._models()
    }


@pytest.fixture
def key(tmp_path):
    """The authority's key pair: (recipient, identities)."""
    identity_file = tmp_path / "identity.txt"
    recipient = sealing.new_identity_file(identity_file)
    return recipient, sealing.identities_in(identity_file), identity_file


@pytest.fixture
def some_records(social_worker, child, admin_user):
    people.create_person(
        actor=social_worker,
        data={"record_type": "ADULT", "given_name": "Sarah", "family_name": "Hughes", "sex": "F"},
    )
    for n in range(5):
        auditor.record(actor=social_worker, action=AuditAction.VIEW, person=child, summary=f"Viewed {n}")
    return child


def _decrypted(path, identities) -> dict[str, bytes]:
    with backup.opened(path, identities) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _resealed(contents: dict[str, bytes], path, recipient) -> None:
    """An archive made by someone holding only the public key."""
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    sealing.seal(plain, path, sealing.recipients_from([recipient]))


@pytest.fixture
def stored():
    """An uploaded file (the test storage lives as long as the process: removed after)."""
    name = default_storage.save("documents/2026/12/plan.pdf", ContentFile(b"%PDF-1.7 the plan"))
    yield name
    default_storage.delete(name)


@pytest.mark.django_db(transaction=True)
def test_restore_into_empty_database_finds_every_record_file_and_audit_row_when_backed_up(
    some_records, social_worker, tmp_path, key, stored
):
    recipient, identities, _ = key
    secret = pyotp.random_base32()
    TotpDevice.objects.create(user=social_worker, secret=secret, confirmed_at=timezone.now())
    before = _snapshot()
    audit_rows = AuditEvent.objects.count()
    archive = tmp_path / "harbour.zip.age"
    manifest = backup.write_backup(archive, [recipient])
    assert manifest["counts"]["people.person"] == 2 and f"default/{stored}" in manifest["files"]
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(stored)
    assert not AuditEvent.objects.exists()

    report = backup.restore_backup(archive, identities)

    assert _snapshot() == before
    assert report.audit_rows == audit_rows and report.audit_chain_ok and report.files == 1
    assert default_storage.open(stored).read() == b"%PDF-1.7 the plan"
    assert TotpDevice.objects.get().secret == secret
    # New rows continue the sequences and the chain after a restore.
    auditor.record(actor=None, action=AuditAction.SIGN_IN_FAILED, summary="after restore")
    assert auditor.verify_chain().ok


@pytest.mark.django_db
def test_archive_is_unreadable_when_identity_not_held(some_records, tmp_path, key):
    recipient, _, _ = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])
    raw = archive.read_bytes()
    someone_else = tmp_path / "other.txt"
    sealing.new_identity_file(someone_else)

    assert raw.startswith(b"age-encryption.org/v1") and not zipfile.is_zipfile(archive)
    assert b"Hughes" not in raw and b"manifest" not in raw
    with pytest.raises(backup.BackupError, match="cannot be decrypted"):
        backup.verify_archive(archive, sealing.identities_in(someone_else))


@pytest.mark.django_db
def test_archive_is_written_readable_by_owner_only_when_umask_is_open(some_records, tmp_path, key):
    recipient, _, _ = key
    archive = tmp_path / "harbour.zip.age"
    previous = os.umask(0)
    try:
        backup.write_backup(archive, [recipient])
    finally:
        os.umask(previous)

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left


@pytest.mark.django_db
def test_two_factor_secret_stays_encrypted_inside_the_archive(social_worker, tmp_path, key):
    recipient, identities, _ = key
    secret = pyotp.random_base32()
    TotpDevice.objects.create(user=social_worker, secret=secret, confirmed_at=timezone.now())
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])

    assert secret.encode() not in _decrypted(archive, identities)["data.jsonl"]


@pytest.mark.django_db
def test_tampered_archive_is_refused_when_a_byte_changed(some_records, tmp_path, key):
    recipient, identities, _ = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    archive.write_bytes(bytes(raw))

    with pytest.raises(backup.BackupError, match="damaged or changed"):
        backup.verify_archive(archive, identities)


@pytest.mark.django_db
def test_damaged_archive_is_refused_when_data_changed_but_manifest_kept(some_records, tmp_path, key):
    recipient, identities, _ = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])
    contents = _decrypted(archive, identities)
    contents["data.jsonl"] = contents["data.jsonl"].replace(b"Hughes", b"Hughez")
    tampered = tmp_path / "tampered.zip.age"
    _resealed(contents, tampered, recipient)

    with pytest.raises(backup.BackupError, match="checksum"):
        backup.verify_archive(tampered, identities)


@pytest.mark.django_db(transaction=True)
def test_restore_is_refused_and_undone_when_audit_trail_does_not_end_at_recorded_hash(
    some_records, tmp_path, key
):
    recipient, identities, _ = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])
    contents = _decrypted(archive, identities)
    manifest = json.loads(contents["manifest.json"])
    manifest["audit_last_hash"] = "0" * 64
    contents["manifest.json"] = json.dumps(manifest).encode()
    altered = tmp_path / "altered.zip.age"
    _resealed(contents, altered, recipient)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(backup.BackupError, match="audit trail ends at hash"):
        backup.restore_backup(altered, identities)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_restore_is_refused_when_database_not_empty(some_records, tmp_path, key):
    recipient, _, identity_file = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient], signing_key(io.StringIO()))  # as the backup command signs

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), "--no-migrate", "--identity", str(identity_file))


@pytest.mark.django_db
def test_backup_is_refused_when_no_recipient_configured(some_records, tmp_path, settings):
    settings.HARBOUR_BACKUP_RECIPIENTS = []

    with pytest.raises(CommandError, match="HARBOUR_BACKUP_RECIPIENTS"):
        call_command("backup", "--output", str(tmp_path / "b.zip.age"))
    assert not (tmp_path / "b.zip.age").exists()


@pytest.mark.django_db
def test_backup_is_refused_when_archive_already_exists(some_records, tmp_path, key):
    recipient, _, _ = key
    archive = tmp_path / "harbour.zip.age"
    archive.write_bytes(b"an earlier backup")

    with pytest.raises(backup.BackupError, match="already exists"):
        backup.write_backup(archive, [recipient])
    assert archive.read_bytes() == b"an earlier backup"


@pytest.mark.django_db
def test_backup_command_reports_rows_when_run(some_records, tmp_path, key, capsys, settings):
    recipient, _, identity_file = key
    settings.HARBOUR_BACKUP_RECIPIENTS = [recipient]
    call_command("backup", "--output", str(tmp_path / "b.zip.age"))
    call_command("restore", str(tmp_path / "b.zip.age"), "--check-only", "--identity", str(identity_file))

    out = capsys.readouterr().out
    assert "Backed up" in out and "Archive intact" in out


@pytest.mark.django_db
def test_restore_is_refused_when_no_identity_given(some_records, tmp_path, key, settings):
    recipient, _, _ = key
    settings.HARBOUR_BACKUP_IDENTITY = ""
    backup.write_backup(tmp_path / "b.zip.age", [recipient])

    with pytest.raises(CommandError, match="--identity"):
        call_command("restore", str(tmp_path / "b.zip.age"), "--check-only")


def test_every_project_model_is_backed_up_when_listed():
    listed = {m._meta.label_lower for m in backup._models()}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.managed and not model._meta.proxy and label not in backup.EXCLUDED:
            assert label in listed


@pytest.mark.django_db
def test_backup_is_refused_when_media_root_unset_for_files_on_disk(some_records, tmp_path, key, settings):
    recipient, _, _ = key
    settings.MEDIA_ROOT = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }

    with pytest.raises(backup.BackupError, match="MEDIA_ROOT"):
        backup.write_backup(tmp_path / "b.zip.age", [recipient])
    assert not (tmp_path / "b.zip.age").exists()


@pytest.mark.django_db
def test_plain_archive_from_an_earlier_version_is_refused(tmp_path, key):
    _, identities, _ = key
    plain = tmp_path / "old.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "harbour-backup/1"}))

    with pytest.raises(backup.BackupError, match="unencrypted archive"):
        backup.verify_archive(plain, identities)


@pytest.mark.django_db(transaction=True)
def test_restore_is_refused_when_a_different_file_is_already_stored_under_the_name(
    some_records, tmp_path, key, stored
):
    recipient, identities, _ = key
    archive = tmp_path / "harbour.zip.age"
    backup.write_backup(archive, [recipient])
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(stored)
    default_storage.save(stored, ContentFile(b"another document"))

    with pytest.raises(backup.BackupError, match="not overwriting"):
        backup.restore_backup(archive, identities)
    assert not AuditEvent.objects.exists()
    assert default_storage.open(stored).read() == b"another document"


@pytest.mark.django_db
def test_demo_backs_up_to_its_own_key_pair_when_no_recipient_set(some_records, tmp_path, settings, capsys):
    settings.HARBOUR_BACKUP_RECIPIENTS = []
    settings.HARBOUR_BACKUP_IDENTITY = ""
    settings.HARBOUR_BACKUP_DEMO_IDENTITY = tmp_path / "var" / "demo-backup-identity.txt"

    call_command("backup", "--output", str(tmp_path / "b.zip.age"))
    call_command("restore", str(tmp_path / "b.zip.age"), "--check-only")

    assert "DEMO key pair" in capsys.readouterr().out
    assert stat.S_IMODE(settings.HARBOUR_BACKUP_DEMO_IDENTITY.stat().st_mode) == 0o600
