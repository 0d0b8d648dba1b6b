from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lifecycle.backup import BackupError, restore_backup, verify_archive


class Command(BaseCommand):
    help = "Restore a backup archive into a new, empty database; then verify the audit chain (ADR 0008)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument("--check-only", action="store_true", help="Only verify the archive's checksums.")
        parser.add_argument("--no-migrate", action="store_true", help="Do not run migrate first.")

    def handle(self, *args: Any, archive: str, check_only: bool, no_migrate: bool, **options: Any) -> None:
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"No such archive: {path}")
        try:
            if check_only:
                manifest = verify_archive(path)
                self.stdout.write(f"Archive intact: {manifest['rows']} rows, taken {manifest['created_at']}.")
                return
            if not no_migrate:
                call_command("migrate", interactive=False, verbosity=0)
            report = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {report.rows} rows.")
        if not report.audit_chain_ok:
            raise CommandError("Restored, but the audit chain does NOT verify: investigate before use.")
        self.stdout.write(f"Audit chain intact: {report.audit_rows} rows verified.")
