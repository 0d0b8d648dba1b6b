from typing import Any

from core.extensions import Panel, listed
from core.workflow import allowed_events

from . import clocks
from .forms import COMPLAINT_EVENTS
from .machines import ComplaintMachine
from .models import AdvocacyReferral, ChildViews, Complaint, IndependentVisitor

_STAGE_STEPS = {
    "STAGE_1": ["extend_stage_1", "respond_stage_1"],
    "STAGE_2": ["extend_stage_2", "respond_stage_2"],
    "STAGE_3": ["hold_panel"],
}


def rights_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    complaints = []
    for c in listed(person, Complaint.objects.filter(person=person)):
        steps = [s for s in _STAGE_STEPS.get(c.status, [])]
        steps += allowed_events(ComplaintMachine, c)
        complaints.append(
            {"obj": c, "due": clocks.stage_due(c), "steps": [(s, COMPLAINT_EVENTS[s]) for s in steps]}
        )
    return Panel(
        title="Rights and voice",
        template="rights/_panel.jinja",
        context={
            "person": person,
            "views": listed(person, ChildViews.objects.filter(person=person)[:10]),
            "advocacy": listed(person, AdvocacyReferral.objects.filter(person=person)),
            "visitors": listed(
                person, IndependentVisitor.objects.filter(person=person).prefetch_related("visits")
            ),
            "complaints": complaints,
        },
        order=70,
    )


PANELS = [rights_panel]
HOLDS = [Complaint, ChildViews, AdvocacyReferral, IndependentVisitor]
