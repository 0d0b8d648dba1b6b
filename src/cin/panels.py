from typing import Any

from core.extensions import Panel, listed

from .models import CINPlan


def cin_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    return Panel(
        title="Children in need",
        template="cin/_panel.jinja",
        context={
            "person": person,
            "plans": listed(person, CINPlan.objects.filter(person=person)[:10]),
            "referrals": list(person.referrals.all())[:10],  # frontdoor's PREFETCH
        },
        order=56,
        anchor="children-in-need",
    )


PANELS = [cin_panel]
HOLDS = [CINPlan]
