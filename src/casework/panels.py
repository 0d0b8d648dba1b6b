from typing import Any

from core.extensions import Panel

from .models import Visit


def visits_panel(person: Any, user: Any) -> Panel:
    visits = list(Visit.objects.filter(person=person).select_related("worker")[:10])
    return Panel(
        title="Visits",
        template="casework/_visits_panel.jinja",
        context={"visits": visits, "person": person},
        order=80,
    )


PANELS = [visits_panel]
