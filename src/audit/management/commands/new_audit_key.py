from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from audit.keys import new_key


class Command(BaseCommand):
    help = (
        "Print a new audit key entry (id:secret) for HARBOUR_AUDIT_KEYS. Put it first to sign new rows "
        "with it; keep the older entries, which still verify the rows they signed (ADR 0003)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--id", default="", help="The key's id (default: a random one)")

    def handle(self, *args: Any, id: str, **options: Any) -> None:  # noqa: A002
        try:
            self.stdout.write(new_key(id))
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
