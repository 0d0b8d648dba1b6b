from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lifecycle import sealing, signing


class Command(BaseCommand):
    help = (
        "Make the Ed25519 key that signs backups: writes the private key to FILE (PEM, mode 600) for "
        "HARBOUR_BACKUP_SIGNING_KEY and prints the public key for HARBOUR_BACKUP_TRUSTED_KEYS (ADR 0008)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True, metavar="FILE", help="Signing key file to create")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            self.stdout.write(signing.new_key_file(Path(output)))
        except sealing.SealingError as exc:
            raise CommandError(str(exc)) from exc
