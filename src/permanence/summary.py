"""Permanence and court's lines of the summary on every page of a child's record: open care
proceedings and pre-proceedings, an adoption plan's stage reached, and their next dates
(`core.extensions.SummaryFacts`; the dates are the work list's own, `permanence.worklist`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact
from core.links import url
from core.presenters import govuk_date
from core.worklist import WorkItem, due_facts

from . import clocks, worklist
from .models import (
    AdoptionCase,
    AdoptionStatus,
    CareProceedings,
    PLOStatus,
    PreProceedings,
    ProceedingsStatus,
)
from .queries import court_records_of

HOLDS = [CareProceedings, PreProceedings, AdoptionCase]

ORDER = 40
# The adoption stages still open, and the date each stage was reached.
_REACHED = {
    AdoptionStatus.DECIDED: "adm_decision_date",
    AdoptionStatus.AUTHORISED: "authority_date",
    AdoptionStatus.MATCHED: "matched_date",
    AdoptionStatus.PLACED: "placed_date",
}


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    link = url("people:work", person.pk)

    def fact(label: str, text: str) -> SummaryFact:
        return SummaryFact(label, text, link=link, order=ORDER)

    found: list[SummaryFact] = []
    due: list[WorkItem] = []
    court = court_records_of(person)  # read once for the summary and the permanence panel
    for p in court.proceedings:
        if p.status != ProceedingsStatus.OPEN:
            continue
        week = clocks.proceedings_week(p.issue_date, today)
        found.append(fact("Care proceedings", f"Issued {govuk_date(p.issue_date)}: week {week}"))
        due.append(worklist.proceedings_item(p))
    for plo in court.plos:
        if plo.status != PLOStatus.OPEN:
            continue
        found.append(fact("Pre-proceedings (PLO)", f"Open since {govuk_date(plo.decision_date)}"))
        due.append(worklist.plo_item(plo))
    for case in court.adoptions:
        if case.status not in _REACHED:
            continue
        reached = getattr(case, _REACHED[AdoptionStatus(case.status)])
        text = case.get_status_display()
        found.append(fact("Adoption", f"{text} since {govuk_date(reached)}" if reached else text))
        if (item := worklist.adoption_item(case)) is not None:
            due.append(item)
    return found + due_facts(due, user, order=ORDER)
