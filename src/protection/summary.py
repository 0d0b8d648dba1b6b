"""Child protection's lines of the summary on every page of a child's record: the plan's
status and category, and the conference, core group and visit dates
(`core.extensions.SummaryFacts`; the dates are the work list's own, `protection.worklist`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact, holds
from core.links import url
from core.presenters import coded, govuk_date
from core.worklist import due_facts

from . import worklist
from .models import CPPlan, S47Enquiry

HOLDS = [CPPlan, S47Enquiry]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not (holds(person, CPPlan) or holds(person, S47Enquiry)):
        return []
    found = [
        SummaryFact(
            "Child protection plan",
            f"{plan.get_status_display()} since {govuk_date(plan.start_date)}: {coded(plan, 'category')}",
            link=url("protection:plan", plan.pk),
            order=30,
        )
        for plan in CPPlan.objects.filter(person=person).current()
    ]
    return found + due_facts(worklist.items([person.pk], today), user, order=30)
