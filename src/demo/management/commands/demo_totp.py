from typing import Any

from django.core.management.base import BaseCommand, CommandError

from demo import totp as demo_totp


class Command(BaseCommand):
    help = "Print the current two-factor code for a demo account (demo data only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            code, seconds_left = demo_totp.current_code_for(username)
        except demo_totp.NotADemoAccount as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{code}  (valid for about {seconds_left} more seconds)")
