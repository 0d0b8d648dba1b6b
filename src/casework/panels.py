from typing import Any

from accounts.permissions import Permission
from core.extensions import Panel, holds, listed

from . import chronology
from .models import CaseNote, CaseNoteStatus, Visit


def visits_panel(person: Any, user: Any) -> Panel:
    visits = listed(person, Visit.objects.filter(person=person).select_related("worker")[:10])
    return Panel(
        title="Visits",
        template="casework/_visits_panel.jinja",
        context={"visits": visits, "person": person},
        order=80,
    )


def story_panel(person: Any, user: Any) -> Panel | None:
    """The child's story: latest significant chronology entries and links to the rest."""
    if not user.has_perm(Permission.VIEW_CHRONOLOGY.value):
        return None
    significant = chronology.latest_significant([person.pk], user=user, limit=5)
    # The count is shown only when nothing is marked significant yet.
    total = 0 if significant else chronology.count([person.pk], user=user)
    drafts = (
        CaseNote.objects.filter(person=person, status=CaseNoteStatus.DRAFT).count()
        if holds(person, CaseNote)
        else 0
    )
    return Panel(
        title="Chronology and the child's story",
        template="casework/_story_panel.jinja",
        context={"person": person, "significant": significant, "total": total, "drafts": drafts},
        order=55,
        anchor="chronology",
    )


PANELS = [story_panel, visits_panel]
HOLDS = [Visit, CaseNote]
