from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import disable_dormant_accounts
from core.presenters import counted


class Command(BaseCommand):
    help = "Disable accounts with no sign-in for HARBOUR_DORMANT_DAYS days (run daily from cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        disabled = disable_dormant_accounts(actor=None)
        self.stdout.write(
            f"{counted(len(disabled), 'dormant account')} disabled (no sign-in for {settings.HARBOUR_DORMANT_DAYS} days)."
        )
        for user in disabled:
            self.stdout.write(f"  {user.username}")
