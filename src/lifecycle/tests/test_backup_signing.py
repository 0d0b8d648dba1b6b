"""Backup archives signed by the installation that made them; restore trusts only its keys."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from audit import services as auditor
from audit.models import AuditAction
from lifecycle import backup, sealing, signing


@pytest.fixture
def key(tmp_path):
    identity_file = tmp_path / "identity.txt"
    recipient = sealing.new_identity_file(identity_file)
    return recipient, sealing.identities_in(identity_file), identity_file


@pytest.fixture
def signer(tmp_path):
    public = signing.new_key_file(tmp_path / "signing.pem")
    return signing.key_in(tmp_path / "signing.pem"), public


@pytest.fixture
def rows(db):
    return [auditor.record(actor=None, action=AuditAction.SEARCH, summary=f"Search {n}") for n in range(3)]


def _contents(path, identities) -> dict[str, bytes]:
    with backup.opened(path, identities) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _forged(contents: dict[str, bytes], path, recipient) -> None:
    """An archive made by someone holding only the authority's public (age) key."""
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    sealing.seal(plain, path, sealing.recipients_from([recipient]))


def test_restore_accepts_an_archive_when_signed_by_a_trusted_key(rows, tmp_path, key, signer):
    recipient, identities, _ = key
    archive = tmp_path / "b.zip.age"
    backup.write_backup(archive, [recipient], signer[0])

    manifest = backup.verify_archive(archive, identities, signing.trusted_from([signer[1]]))

    assert manifest["rows"] >= 3
    assert json.loads(_contents(archive, identities)["manifest.sig"])["key"] == signer[1]


def test_restore_refuses_an_archive_when_made_with_only_the_public_key(rows, tmp_path, key, signer):
    """The age public key is enough to make an archive that decrypts; not one that is signed."""
    recipient, identities, _ = key
    archive, forged = tmp_path / "b.zip.age", tmp_path / "forged.zip.age"
    backup.write_backup(archive, [recipient], signer[0])
    contents = _contents(archive, identities)
    trusted = signing.trusted_from([signer[1]])

    _forged({k: v for k, v in contents.items() if k != "manifest.sig"}, forged, recipient)
    with pytest.raises(backup.BackupError, match="not signed"):
        backup.verify_archive(forged, identities, trusted)

    other = tmp_path / "other.pem"
    signing.new_key_file(other)
    resigned = {**contents, "manifest.sig": signing.sign(signing.key_in(other), contents["manifest.json"])}
    _forged(resigned, tmp_path / "resigned.zip.age", recipient)
    with pytest.raises(backup.BackupError, match="does not trust"):
        backup.verify_archive(tmp_path / "resigned.zip.age", identities, trusted)

    manifest = json.loads(contents["manifest.json"])
    changed = {**contents, "manifest.json": json.dumps({**manifest, "audit_last_hash": "0" * 64}).encode()}
    _forged(changed, tmp_path / "changed.zip.age", recipient)
    with pytest.raises(backup.BackupError, match="does not match its manifest"):
        backup.restore_backup(tmp_path / "changed.zip.age", identities, trusted)


def test_restore_command_refuses_an_unsigned_archive_unless_allowed(rows, tmp_path, key, signer, settings):
    recipient, _, identity_file = key
    archive = tmp_path / "b.zip.age"
    backup.write_backup(archive, [recipient])  # as before backups were signed
    settings.HARBOUR_BACKUP_TRUSTED_KEYS = [signer[1]]
    check = ["restore", str(archive), "--check-only", "--identity", str(identity_file)]

    with pytest.raises(CommandError, match="not signed"):
        call_command(*check)
    err = io.StringIO()
    call_command(*check, "--allow-unsigned", stdout=io.StringIO(), stderr=err)
    assert "Not checking who signed" in err.getvalue()


def test_backup_command_signs_with_the_configured_key_when_set(rows, tmp_path, key, signer, settings):
    recipient, _, identity_file = key
    settings.HARBOUR_BACKUP_RECIPIENTS = [recipient]
    settings.HARBOUR_BACKUP_SIGNING_KEY = str(tmp_path / "signing.pem")
    out = io.StringIO()

    call_command("backup", "--output", str(tmp_path / "b.zip.age"), stdout=out)
    call_command(
        "restore",
        str(tmp_path / "b.zip.age"),
        "--check-only",
        "--identity",
        str(identity_file),
        "--trusted-key",
        signer[1],
        stdout=out,
    )

    assert "and signed" in out.getvalue()
    assert "Archive intact" in out.getvalue()
    with pytest.raises(CommandError, match="does not trust"):
        other = signing.new_key_file(tmp_path / "other.pem")
        call_command(
            "restore",
            str(tmp_path / "b.zip.age"),
            "--check-only",
            "--identity",
            str(identity_file),
            "--trusted-key",
            other,
        )


def test_backup_command_refuses_when_no_signing_key(rows, tmp_path, key, settings):
    settings.HARBOUR_BACKUP_RECIPIENTS = [key[0]]
    settings.HARBOUR_BACKUP_SIGNING_KEY = ""
    settings.HARBOUR_BACKUP_DEMO_SIGNING_KEY = None

    with pytest.raises(CommandError, match="does not write unsigned backups"):
        call_command("backup", "--output", str(tmp_path / "b.zip.age"))
    assert not (tmp_path / "b.zip.age").exists()


def test_restore_command_refuses_when_no_trusted_key(rows, tmp_path, key, settings):
    settings.HARBOUR_BACKUP_TRUSTED_KEYS = []
    settings.HARBOUR_BACKUP_DEMO_SIGNING_KEY = None
    (tmp_path / "any.zip.age").write_bytes(b"an archive")

    with pytest.raises(CommandError, match="No trusted key"):
        call_command("restore", str(tmp_path / "any.zip.age"), "--identity", str(key[2]))


@pytest.mark.parametrize("value", ["age1notakey", "ed25519:not base64!", "ed25519:" + "QUJD"])
def test_trusted_keys_refuse_a_value_when_not_a_public_key(value):
    with pytest.raises(signing.SigningError, match="not a backup signing public key"):
        signing.trusted_from([value])


def test_backup_signing_keygen_writes_an_owner_only_key_when_run(tmp_path):
    out = io.StringIO()
    call_command("backup_signing_keygen", "--output", str(tmp_path / "k.pem"), stdout=out)

    assert out.getvalue().startswith("ed25519:")
    assert (tmp_path / "k.pem").stat().st_mode & 0o777 == 0o600
    assert signing.public_text(signing.key_in(tmp_path / "k.pem").public_key()) == out.getvalue().strip()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_signing_keygen", "--output", str(tmp_path / "k.pem"))
