from typing import Any

from accounts.permissions import Permission
from core.extensions import Panel, listed

from .models import EarlyHelpEpisode


def early_help_panel(person: Any, user: Any) -> Panel | None:
    if not user.has_perm(Permission.VIEW_EARLY_HELP.value):
        return None
    episodes = listed(person, EarlyHelpEpisode.objects.filter(person=person).select_related("worker"))
    if not episodes and not user.has_perm(Permission.MANAGE_EARLY_HELP.value):
        return None
    return Panel(
        title="Early help",
        template="early_help/_panel.jinja",
        context={
            "person": person,
            "episodes": episodes,
            "has_open": any(e.status == "OPEN" for e in episodes),
        },
        order=25,
        anchor="early-help",
    )


PANELS = [early_help_panel]
HOLDS = [EarlyHelpEpisode]
