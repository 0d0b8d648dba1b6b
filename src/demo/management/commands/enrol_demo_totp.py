from typing import Any

from django.core.management.base import BaseCommand

from core.presenters import counted
from demo.totp import DEFAULT_SEED, enrol_demo_accounts


class Command(BaseCommand):
    help = "Pre-enrol the demo accounts in two-factor sign-in (secrets derived from the demo seed)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        done = enrol_demo_accounts(seed)
        self.stdout.write(f"{counted(len(done), 'demo account')} enrolled in two-factor sign-in.")
        self.stdout.write("Get an account's current code with: python manage.py demo_totp <username>")
