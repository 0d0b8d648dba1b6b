from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lifecycle import sealing, signing
from lifecycle.backup import BackupError, Trusted, restore_backup, verify_archive


def identity_file(given: str) -> Path:
    """--identity, else HARBOUR_BACKUP_IDENTITY, else (outside production) the demo identity."""
    for candidate in (given, settings.HARBOUR_BACKUP_IDENTITY):
        if candidate:
            return Path(candidate)
    demo = getattr(settings, "HARBOUR_BACKUP_DEMO_IDENTITY", None)
    if demo and Path(demo).exists():
        return Path(demo)
    raise CommandError(
        "No identity to decrypt the archive with: give --identity FILE (the authority's age identity) "
        "or set HARBOUR_BACKUP_IDENTITY."
    )


def trusted_keys(given: list[str], allow_unsigned: bool) -> Trusted:
    """--trusted-key, else HARBOUR_BACKUP_TRUSTED_KEYS, else (outside production) the demo's key."""
    if allow_unsigned:
        return None
    values = given or list(settings.HARBOUR_BACKUP_TRUSTED_KEYS)
    demo = getattr(settings, "HARBOUR_BACKUP_DEMO_SIGNING_KEY", None)
    if not values and demo and Path(demo).exists():
        return [signing.key_in(Path(demo)).public_key()]
    if not values:
        raise CommandError(
            "No trusted key to check the archive's signature with: set HARBOUR_BACKUP_TRUSTED_KEYS to the "
            "backup signing public key (ed25519:...) or give --trusted-key."
        )
    return signing.trusted_from(values)


class Command(BaseCommand):
    help = (
        "Decrypt a backup archive and restore it into a new, empty database; then check the audit "
        "trail ends where the backup's did and verify its chain (ADR 0008)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--identity",
            default="",
            metavar="FILE",
            help="The age identity file to decrypt with (default HARBOUR_BACKUP_IDENTITY)",
        )
        parser.add_argument(
            "--trusted-key",
            action="append",
            default=[],
            metavar="ED25519:...",
            help="A backup signing public key to accept (repeatable; default HARBOUR_BACKUP_TRUSTED_KEYS)",
        )
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="Accept an archive whatever signed it, or none (archives from before backups were signed).",
        )
        parser.add_argument("--check-only", action="store_true", help="Only decrypt and verify the archive.")
        parser.add_argument("--no-migrate", action="store_true", help="Do not run migrate first.")

    def handle(
        self,
        *args: Any,
        archive: str,
        identity: str,
        trusted_key: list[str],
        allow_unsigned: bool,
        check_only: bool,
        no_migrate: bool,
        **options: Any,
    ) -> None:
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"No such archive: {path}")
        try:
            identities = sealing.identities_in(identity_file(identity))
            trusted = trusted_keys(trusted_key, allow_unsigned)
            if trusted is None:
                self.stderr.write("Not checking who signed the archive (--allow-unsigned).")
            if check_only:
                manifest = verify_archive(path, identities, trusted)
                self.stdout.write(
                    f"Archive intact: {manifest['rows']} rows and {len(manifest['files'])} files, "
                    f"taken {manifest['created_at']}."
                )
                return
            if not no_migrate:
                call_command("migrate", interactive=False, verbosity=0)
            report = restore_backup(path, identities, trusted)
        except (BackupError, sealing.SealingError, signing.SigningError) as exc:
            raise CommandError(str(exc)) from exc
        in_place = report.files_listed - report.files
        self.stdout.write(
            f"Restored {report.rows} rows and {report.files} files"
            + (f" ({in_place} more were already in place, unchanged)." if in_place else ".")
        )
        if report.erased_again:
            self.stdout.write(
                f"Erased again {len(report.erased_again)} records erased since the backup was taken "
                f"(the erasure register): {', '.join(report.erased_again)}."
            )
        if not report.audit_chain_ok:
            raise CommandError("Restored, but the audit chain does NOT verify: investigate before use.")
        self.stdout.write(
            f"Audit chain intact: {report.audit_rows} rows verified, ending where the backup's did."
        )
