from collections import defaultdict

from django.utils import timezone

from accounts.models import User
from core.extensions import OVERSIGHT, Panel, PanelBuilder, holds, listed
from people.models import Person
from protection.models import ManagementDecision

from .models import Action, CaseAudit, CaseDirection, Oversight
from .oversight import oversight_states


def _actions(person: Person) -> tuple[dict[int, list[Action]], dict[int, list[Action]]]:
    """The child's actions read once: by direction, and by oversight."""
    by_direction: dict[int, list[Action]] = defaultdict(list)
    by_oversight: dict[int, list[Action]] = defaultdict(list)
    for action in listed(person, Action.objects.filter(person=person).select_related("owner")):
        if action.direction_id:
            by_direction[action.direction_id].append(action)
        elif action.oversight_id:
            by_oversight[action.oversight_id].append(action)
    return by_direction, by_oversight


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
        .prefetch_related("reviews__session")[:5],
    )
    oversights = (
        list(
            Oversight.objects.filter(decision__person=person)
            .select_related("decision__decided_by")
            .order_by("-decision__decided_on", "-pk")[:5]
        )
        if holds(person, ManagementDecision)
        else []
    )
    states = oversight_states([person.pk], today)
    by_direction, by_oversight = _actions(person) if directions or oversights else ({}, {})
    return Panel(
        title="Supervision, oversight and audit",
        template="quality/_panel.jinja",
        context={
            "person": person,
            "directions": [{"obj": d, "actions": by_direction.get(d.pk, [])} for d in directions],
            "oversights": [{"obj": o, "actions": by_oversight.get(o.pk, [])} for o in oversights],
            "oversight": states[0] if states else None,
            "audits": listed(
                person,
                CaseAudit.objects.filter(person=person).select_related("auditor", "tool", "moderation")[:5],
            ),
            "today": today,
        },
        order=59,
        section=OVERSIGHT,
        anchor="supervision-and-audit",
    )


PANELS: list[PanelBuilder] = [quality_panel]
HOLDS = [CaseDirection, CaseAudit, Action]
