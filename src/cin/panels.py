from typing import Any

from core.extensions import Panel
from frontdoor.models import Referral

from .models import CINPlan


def cin_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    return Panel(
        title="Children in need",
        template="cin/_panel.jinja",
        context={
            "person": person,
            "plans": list(CINPlan.objects.filter(person=person)[:10]),
            "referrals": list(Referral.objects.filter(person=person)[:10]),
        },
        order=56,
        anchor="children-in-need",
    )


PANELS = [cin_panel]
