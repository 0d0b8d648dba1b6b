from typing import Any

from django.utils import timezone

from accounts.permissions import Permission
from core.extensions import Panel

from .models import PeriodOfCare
from .queries import summaries


def care_panel(person: Any, user: Any) -> Panel | None:
    """ "Children in care": the current period's legal status, placement, review, IRO, visits, health."""
    if not user.has_perm(Permission.VIEW_CARE.value) or getattr(person, "record_type", "CHILD") != "CHILD":
        return None
    today = timezone.localdate()
    summary = summaries([person.pk], today).get(person.pk)
    past = None if summary else PeriodOfCare.objects.filter(person=person).order_by("-start_date").first()
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
