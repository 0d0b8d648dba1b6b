"""The background worker's monthly work: on the first day of each month, tell the service
managers and performance staff that last month's report is ready, with its link (the report
is built from live figures when opened, so it is never stale)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from core.services import notify

READERS = (Role.SERVICE_MANAGER, Role.PERFORMANCE)


def monthly_report_notice(today: date | None = None) -> int:
    """Run daily by the schedule; on the 1st, notify the report's readers. Returns how many."""
    today = today or timezone.localdate()
    if today.day != 1:
        return 0
    month = today - timedelta(days=1)
    link = f"{reverse('performance:report')}?month={month:%Y-%m}"
    readers = User.objects.filter(is_active=True, role__in=[r.value for r in READERS])
    for reader in readers:
        notify(
            recipient=reader,
            subject=f"Performance report for {month:%B %Y} is ready",
            body="Every indicator for the month and the 12 months to its end, with targets, England figures and trends.",
            link=link,
        )
    return len(readers)
