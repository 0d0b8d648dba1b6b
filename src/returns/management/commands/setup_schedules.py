"""`manage.py setup_schedules`: register the background worker's recurring tasks (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from returns.schedules import register


class Command(BaseCommand):
    help = "Register the background worker's schedules (nightly validation); safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        for line in register():
            self.stdout.write(line)
