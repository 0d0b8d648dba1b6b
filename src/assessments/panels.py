from typing import Any

from core.extensions import Panel, listed

from .models import Assessment, CommissionedAssessment


def assessments_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    assessments = listed(person, Assessment.objects.filter(person=person)[:10])
    commissioned = listed(person, CommissionedAssessment.objects.filter(person=person)[:10])
    return Panel(
        title="Assessments",
        template="assessments/_panel.jinja",
        context={"assessments": assessments, "commissioned": commissioned, "person": person},
        order=50,
        anchor="assessments",
    )


PANELS = [assessments_panel]
HOLDS = [Assessment, CommissionedAssessment]
