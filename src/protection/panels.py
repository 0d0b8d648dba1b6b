from typing import Any

from django.utils import timezone

from core.extensions import OVERSIGHT, Panel, holds, listed

from .models import CPPlan, ManagementDecision, S47Enquiry, StrategyDiscussion
from .queries import plan_views


def protection_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    plans = (
        plan_views(None, timezone.localdate(), queryset=CPPlan.objects.filter(person=person))
        if holds(person, CPPlan)
        else []
    )
    return Panel(
        title="Child protection",
        template="protection/_panel.jinja",
        context={
            "person": person,
            "strategy": listed(person, StrategyDiscussion.objects.filter(person=person)[:10]),
            "s47s": listed(person, S47Enquiry.objects.filter(person=person)[:10]),
            "plans": plans,
        },
        order=55,
        anchor="child-protection",
    )


def oversight_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    decisions = listed(
        person, ManagementDecision.objects.filter(person=person).select_related("decided_by")[:10]
    )
    return Panel(
        title="Management oversight",
        template="protection/_oversight.jinja",
        context={"person": person, "decisions": decisions},
        order=58,
        anchor="management-oversight",
        section=OVERSIGHT,
    )


PANELS = [protection_panel, oversight_panel]
HOLDS = [CPPlan, StrategyDiscussion, S47Enquiry, ManagementDecision]
