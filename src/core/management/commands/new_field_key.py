from typing import Any

from django.core.management.base import BaseCommand

from core.encryption import new_key


class Command(BaseCommand):
    help = "Print a new key for HARBOUR_FIELD_KEYS (values encrypted at rest; ADR 0008)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(new_key())
