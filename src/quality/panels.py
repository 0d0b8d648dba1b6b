from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from core.extensions import Panel, PanelBuilder, holds, listed
from people.models import Person
from protection.models import ManagementDecision

from .models import Action, CaseAudit, CaseDirection, Oversight
from .oversight import oversight_states

_ACTIONS = Prefetch("actions", queryset=Action.objects.select_related("owner"))


def quality_panel(person: Person, user: User) -> Panel | None:
    """The child's case directions from supervision, structured oversight, when oversight is
    next due, and the audits of their case."""
    if person.record_type != "CHILD":
        return None
    today = timezone.localdate()
    directions = listed(
        person,
        CaseDirection.objects.filter(person=person)
        .select_related("given_by", "worker")
        .prefetch_related(_ACTIONS)[:5],
    )
    oversights = (
        list(
            Oversight.objects.filter(decision__person=person)
            .select_related("decision__decided_by")
            .prefetch_related(_ACTIONS)
            .order_by("-decision__decided_on", "-pk")[:5]
        )
        if holds(person, ManagementDecision)
        else []
    )
    states = oversight_states([person.pk], today)
    return Panel(
        title="Supervision, oversight and audit",
        template="quality/_panel.jinja",
        context={
            "person": person,
            "directions": directions,
            "oversights": oversights,
            "oversight": states[0] if states else None,
            "audits": listed(
                person,
                CaseAudit.objects.filter(person=person).select_related("auditor", "tool", "moderation")[:5],
            ),
            "today": today,
        },
        order=59,
        anchor="supervision-and-audit",
    )


PANELS: list[PanelBuilder] = [quality_panel]
HOLDS = [CaseDirection, CaseAudit, Action]
