from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lifecycle import sealing, signing
from lifecycle.backup import BackupError, write_backup


def demo_recipient(stdout: Any) -> list[str]:
    """Outside production with no recipient set: the demo key pair in var/ (made if missing)."""
    identity_file = getattr(settings, "HARBOUR_BACKUP_DEMO_IDENTITY", None)
    if not identity_file:
        return []
    path = Path(identity_file)
    if not path.exists():
        sealing.new_identity_file(path)
    recipients = [str(identity.to_public()) for identity in sealing.identities_in(path)]
    stdout.write(f"No HARBOUR_BACKUP_RECIPIENTS: encrypting to the DEMO key pair in {path} (demo only).")
    return recipients


def signing_key(stdout: Any) -> signing.Ed25519PrivateKey:
    """HARBOUR_BACKUP_SIGNING_KEY, else (outside production) the demo's key in var/ (made if missing)."""
    if settings.HARBOUR_BACKUP_SIGNING_KEY:
        return signing.key_in(Path(settings.HARBOUR_BACKUP_SIGNING_KEY))
    demo = getattr(settings, "HARBOUR_BACKUP_DEMO_SIGNING_KEY", None)
    if not demo:
        raise signing.SigningError(
            "No key to sign the backup with: set HARBOUR_BACKUP_SIGNING_KEY to the installation's "
            "signing key file (manage.py backup_signing_keygen). Harbour does not write unsigned backups."
        )
    path = Path(demo)
    if not path.exists():
        signing.new_key_file(path)
    stdout.write(f"No HARBOUR_BACKUP_SIGNING_KEY: signing with the DEMO key in {path} (demo only).")
    return signing.key_in(path)


class Command(BaseCommand):
    help = (
        "Back up the whole database and its files to an archive encrypted to the authority's "
        "age public keys, readable by its owner only (ADR 0008)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            help="Archive path (default var/backups/harbour-<timestamp>.zip.age); must not exist",
            default="",
        )
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            metavar="AGE1...",
            help="An age public key to encrypt to (repeatable; default HARBOUR_BACKUP_RECIPIENTS)",
        )

    def handle(self, *args: Any, output: str, recipient: list[str], **options: Any) -> None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = Path(output) if output else settings.BASE_DIR / "var" / "backups" / f"harbour-{stamp}.zip.age"
        try:
            recipients = recipient or list(settings.HARBOUR_BACKUP_RECIPIENTS) or demo_recipient(self.stdout)
            manifest = write_backup(path, recipients, signing_key(self.stdout))
        except (BackupError, sealing.SealingError, signing.SigningError) as exc:
            raise CommandError(str(exc)) from exc
        tables = len([c for c in manifest["counts"].values() if c])
        self.stdout.write(
            f"Backed up {manifest['rows']} rows from {tables} tables and {len(manifest['files'])} files "
            f"to {path}, encrypted to {len(recipients)} key(s) and signed.\n"
            f"Audit chain's last hash: {manifest['audit_last_hash'] or '(no audit rows)'}"
        )
