from typing import Any

from accounts.permissions import Permission
from core.extensions import OVERSIGHT, Panel, holds

from .models import ValidationFinding
from .queries import child_findings


def data_quality_panel(person: Any, user: Any) -> Panel | None:
    """The child's failing return rules, each linked to where it is fixed (only when there are any)."""
    if not user.has_perm(Permission.VIEW_DATA_QUALITY.value):
        return None
    rows = child_findings(person.pk) if holds(person, ValidationFinding) else []
    if not rows:
        return None
    return Panel(
        title="Data quality for statutory returns",
        template="returns/_panel.jinja",
        context={"rows": rows},
        order=95,
        section=OVERSIGHT,
        anchor="data-quality",
    )


PANELS = [data_quality_panel]
HOLDS = [ValidationFinding]
