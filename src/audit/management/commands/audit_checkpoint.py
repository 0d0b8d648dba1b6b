import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit import keys as audit_keys
from audit.checkpoints import CheckpointError, exported, take_checkpoint, write_new


class Command(BaseCommand):
    help = (
        "Verify the audit chain since the last checkpoint, anchor its end in a new signed checkpoint "
        "and write it (JSON) for the authority to keep outside the database (ADR 0003)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", required=True, metavar="FILE", help="A new file for the checkpoint ('-' for stdout)"
        )

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            anchor = exported(take_checkpoint())
            if output == "-":
                self.stdout.write(json.dumps(anchor, indent=2))
                return
            write_new(Path(output), anchor)
        except (CheckpointError, audit_keys.UnknownAuditKey) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Audit checkpoint at row {anchor['sequence']} ({anchor['rows']} rows) written to {output}."
        )
