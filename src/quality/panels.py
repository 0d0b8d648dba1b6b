"""The child's Oversight section: a short summary of supervision, case directions and
management oversight (the latest supervision, the open directions, what is overdue), with
every direction and oversight record in full on their own paged page
(`quality.views.oversight.person_oversight`), and the audits of the case."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core.extensions import OVERSIGHT, Panel, PanelBuilder, holds, listed
from people.models import Person
from protection.models import ManagementDecision

from .models import Action, CaseAudit, CaseDirection, Oversight, SupervisionSession
from .oversight import oversight_states
from .queries import open_directions

OPEN_SHOWN = 5  # the open directions listed in the summary; the rest are on the paged page


def latest_supervision(person: Person) -> SupervisionSession | None:
    """The latest supervision that gave or reviewed a direction for the child."""
    if not holds(person, CaseDirection):
        return None
    return (
        SupervisionSession.objects.filter(
            Q(directions__person=person) | Q(direction_reviews__direction__person=person)
        )
        .select_related("supervisor", "worker")
        .order_by("-held_on", "-pk")
        .first()
    )


def _overdue_actions(person: Person, today: date) -> int:
    if not holds(person, Action):
        return 0
    return Action.objects.filter(person=person, done_on__isnull=True, due_on__lt=today).count()


def quality_panel(person: Person, user: User) -> Panel | None:
    """The child's supervision, oversight and audit, in summary."""
    if person.record_type != "CHILD":
        return None
    today = timezone.localdate()
    directions = listed(
        person, open_directions().filter(person=person).select_related("given_by").order_by("review_on", "pk")
    )
    latest_oversight = (
        Oversight.objects.filter(decision__person=person)
        .select_related("decision__decided_by")
        .order_by("-decision__decided_on", "-pk")
        .first()
        if holds(person, ManagementDecision)
        else None
    )
    states = oversight_states([person.pk], today)
    state = states[0] if states else None
    overdue_directions = [d for d in directions if d.review_on < today]
    supervision = latest_supervision(person)  # any direction, open or closed, came from one
    return Panel(
        title="Supervision, oversight and audit",
        template="quality/_panel.jinja",
        context={
            "person": person,
            "supervision": supervision,
            "open_directions": directions[:OPEN_SHOWN],
            "open_count": len(directions),
            "overdue_directions": len(overdue_directions),
            "overdue_actions": _overdue_actions(person, today),
            "oversight_overdue": bool(state and state.overdue(today)),
            "latest_oversight": latest_oversight,
            "has_history": bool(supervision or latest_oversight or directions),
            "oversight": state,
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
