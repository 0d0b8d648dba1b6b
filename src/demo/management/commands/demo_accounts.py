"""`manage.py demo_accounts`: list the demo sign-in accounts and their password, enrolling
any demo account not yet set up for two-factor sign-in (a demo made before every role
needed it), so each listed login works with `manage.py demo_totp`."""

from typing import Any

from django.core.management.base import BaseCommand

from demo.accounts import DEMO_PASSWORD, existing_demo_accounts
from demo.totp import enrol_demo_accounts


class Command(BaseCommand):
    help = "List the demo sign-in accounts (username, name, role, team or agency) and the demo password."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = existing_demo_accounts()
        if not accounts:
            self.stdout.write(
                "There are no demo accounts. Create them with: python manage.py generate_demo_data"
            )
            return
        enrol_demo_accounts()
        rows = [("Username", "Name", "Role", "Team or agency")] + [
            (u.username, u.display_name, u.role_label, u.team.name if u.team else u.organisation or "–")
            for u in accounts
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("Demo accounts (synthetic staff):")
        for n, row in enumerate(rows):
            self.stdout.write(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(
            "Two-factor sign-in: every account is asked for a security code after the password. "
            "Print an account's current code with: python manage.py demo_totp <username>"
        )
