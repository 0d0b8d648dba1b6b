from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lifecycle import sealing


class Command(BaseCommand):
    help = (
        "Make an age key pair for backups: writes the identity (private key) to FILE, mode 600, "
        "and prints the public key for HARBOUR_BACKUP_RECIPIENTS. Keep the identity off the servers."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True, metavar="FILE", help="Identity file to create")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            self.stdout.write(sealing.new_identity_file(Path(output)))
        except sealing.SealingError as exc:
            raise CommandError(str(exc)) from exc
