from typing import Any

from django.utils import timezone

from codes import permanence as pcodes
from core.extensions import Panel, first_of, listed

from . import eligibility
from .models import BirthdayStatus, CareLeaver, PathwayPlan
from .queries import summary_of


def care_leaver_panel(person: Any, user: Any) -> Panel | None:
    """Shown for anyone with a care leaver record, or aged 16–25 with a qualifying history."""
    today = timezone.localdate()
    summary = summary_of(person, today)  # read once for the panel and the summary
    record = summary.record if summary else None
    computed = eligibility.NONE
    if person.date_of_birth:
        periods = [
            (p.start_date, p.end_date) for p in person.periods_of_care.all()
        ]  # looked_after's PREFETCH
        computed = eligibility.compute_eligibility(person.date_of_birth, periods, today)
    if record is None and computed == eligibility.NONE:
        return None
    plan = first_of(person, PathwayPlan.objects.filter(person=person).prefetch_related("reviews", "actions"))
    return Panel(
        title="Care leaver",
        template="care_leavers/_panel.jinja",
        context={
            "person": person,
            "record": record,
            "summary": summary,
            "computed_label": pcodes.CARE_LEAVER_ELIGIBILITY.label(computed),
            "recorded_label": pcodes.CARE_LEAVER_ELIGIBILITY.label(
                record.recorded_category if record else ""
            ),
            "plan": plan,
            "statuses": listed(person, BirthdayStatus.objects.filter(person=person)),
        },
        order=60,
        anchor="care-leaver",
    )


PANELS = [care_leaver_panel]
HOLDS = [CareLeaver, PathwayPlan, BirthdayStatus]
