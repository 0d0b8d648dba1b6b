from typing import Any

from django.utils import timezone

from accounts.permissions import Permission
from core.extensions import Panel

from .queries import summary_of


def care_panel(person: Any, user: Any) -> Panel | None:
    """ "Children in care": the current period's legal status, placement, review, IRO, visits, health."""
    if not user.has_perm(Permission.VIEW_CARE.value) or getattr(person, "record_type", "CHILD") != "CHILD":
        return None
    today = timezone.localdate()
    periods = list(person.periods_of_care.all())  # prefetched for every panel (PREFETCH)
    open_now = any(p.end_date is None for p in periods)
    summary = summary_of(person, today) if open_now else None
    past = None if summary or not periods else max(periods, key=lambda p: p.start_date)
    if summary is None and past is None and not user.has_perm(Permission.RECORD_CARE.value):
        return None
    return Panel(
        title="Children in care",
        template="looked_after/_panel.jinja",
        context={"summary": summary, "past": past, "person": person, "today": today},
        order=40,
        anchor="children-in-care",
    )


PANELS = [care_panel]
PREFETCH = ["periods_of_care"]
