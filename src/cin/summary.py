"""Children in need's lines of the summary on every page of a child's record: the plan's
status and its review and visit dates (`core.extensions.SummaryFacts`; the dates are the work
list's own, `cin.worklist`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact, holds
from core.worklist import due_facts
from plans.facts import current_plans

from . import worklist
from .models import CINPlan

HOLDS = [CINPlan]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not holds(person, CINPlan):
        return []
    found = current_plans(CINPlan, person, order=35)
    return found + due_facts(worklist.items([person.pk], today), user, order=35) if found else []
