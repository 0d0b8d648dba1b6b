from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from lifecycle.orphans import GRACE
from lifecycle.services import sweep_orphaned_files


class Command(BaseCommand):
    help = (
        "List the stored files no row refers to (left by a failed delete or a rolled-back upload); "
        "with --delete, delete them and audit the sweep. Lists only, unless --delete is given."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--delete", action="store_true", help="Delete the files listed (default: list only)."
        )
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=GRACE.total_seconds() / 3600,
            help="Only files stored at least this long ago (default %(default)s): a newer one may "
            "belong to an upload still in progress.",
        )

    def handle(self, *args: Any, delete: bool, older_than_hours: float, **options: Any) -> None:
        sweep = sweep_orphaned_files(actor=None, delete=delete, grace=timedelta(hours=older_than_hours))
        for alias, name in sweep.found:
            self.stdout.write(f"{alias}: {name}")
        if not sweep.found:
            self.stdout.write("No orphaned files.")
        elif sweep.deleted:
            self.stdout.write(
                f"Deleted {len(sweep.found) - sweep.failed} orphaned files"
                + (f"; {sweep.failed} could not be deleted." if sweep.failed else ".")
            )
        else:
            self.stdout.write(f"{len(sweep.found)} orphaned files. Nothing deleted: run again with --delete.")
