"""Assessments' lines of the summary on every page of a child's record: an assessment not
yet authorised, with its due date (`core.extensions.SummaryFacts`; the dates are the work
list's own, `assessments.worklist`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact, holds
from core.worklist import due_facts

from . import worklist
from .models import Assessment

HOLDS = [Assessment]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not holds(person, Assessment):
        return []
    return due_facts(worklist.items([person.pk], today), user, order=15)
