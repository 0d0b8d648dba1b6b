"""Child protection's lines of the summary on every page of a child's record: the plan's
status and category, and the conference, core group and visit dates
(`core.extensions.SummaryFacts`; the dates are the work list's own, `protection.worklist`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact, holds
from core.presenters import coded
from core.worklist import due_facts
from plans.facts import current_plans

from . import worklist
from .models import CPPlan, S47Enquiry

HOLDS = [CPPlan, S47Enquiry]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not (holds(person, CPPlan) or holds(person, S47Enquiry)):
        return []
    found = current_plans(CPPlan, person, order=30, detail=lambda plan: coded(plan, "category"))
    return found + due_facts(worklist.items([person.pk], today), user, order=30)
