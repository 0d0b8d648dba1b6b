from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone

from core.extensions import Panel, first_of, listed
from core.workflow import allowed_events

from . import clocks
from .machines import AdoptionMachine
from .models import (
    AdoptionCase,
    CareProceedings,
    ContactSession,
    CourtOrder,
    PreProceedings,
    PreviousPermanence,
)
from .queries import adoption_review_due, court_records_of, current_limit, tracker_row


def permanence_panel(person: Any, user: Any) -> Panel | None:
    if person.record_type != "CHILD":
        return None
    today = timezone.localdate()
    periods = [(p.start_date, p.end_date) for p in person.periods_of_care.all()]  # looked_after's PREFETCH
    court = court_records_of(person)  # read once for the panel and the summary
    prefetch_related_objects(court.proceedings, "extensions")  # listed by the panel alone
    proceedings = []
    for p in court.proceedings:
        limit = current_limit(p)
        proceedings.append(
            {
                "obj": p,
                "limit": limit,
                "week": clocks.proceedings_week(p.issue_date, p.concluded_on or today),
                "over": (p.concluded_on or today) > limit,
            }
        )
    adoptions = []
    for case in court.adoptions:
        adoptions.append(
            {
                "row": tracker_row(case, periods, today),
                "events": [e for e in allowed_events(AdoptionMachine, case)],
                "review": adoption_review_due(case),
            }
        )
    plos = [
        {
            "obj": plo,
            "due": clocks.plo_due(plo.letter_date or plo.decision_date),
            "meetings": list(plo.meetings.all()),
        }
        for plo in court.plos
    ]
    return Panel(
        title="Permanence and court",
        template="permanence/_panel.jinja",
        context={
            "person": person,
            "today": today,
            "plos": plos,
            "proceedings": proceedings,
            "orders": listed(person, CourtOrder.objects.filter(person=person)),
            "adoptions": adoptions,
            "previous": first_of(person, PreviousPermanence.objects.filter(person=person)),
            "in_care": bool(periods),
            "sessions": listed(
                person,
                ContactSession.objects.filter(person=person)
                .select_related("supervisor")
                .order_by("-starts_at")[:10],
            ),
        },
        order=65,
    )


PANELS = [permanence_panel]
HOLDS = [CareProceedings, AdoptionCase, PreProceedings, CourtOrder, PreviousPermanence, ContactSession]
