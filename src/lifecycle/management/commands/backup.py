from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from lifecycle.backup import write_backup


class Command(BaseCommand):
    help = "Back up the whole database to a checksummed, compressed archive (ADR 0008)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            help="Archive path (default var/backups/harbour-<timestamp>.zip)",
            default="",
        )

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = Path(output) if output else settings.BASE_DIR / "var" / "backups" / f"harbour-{stamp}.zip"
        manifest = write_backup(path)
        self.stdout.write(
            f"Backed up {manifest['rows']} rows from {len([c for c in manifest['counts'].values() if c])} "
            f"tables to {path}\nSHA-256 of the data: {manifest['data_sha256']} (archive checksum in {path}.sha256)"
        )
