"""Permanence and court clocks for "My work": 26-week proceedings, PLO, first adoption reviews."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem

from . import clocks
from .models import AdoptionCase, CareProceedings, PreProceedings
from .queries import adoption_review_due, current_limit


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    def link(pid: int) -> str:
        return url("people:work", pid)

    for p in CareProceedings.objects.filter(person_id__in=person_ids, status="OPEN").prefetch_related(
        "extensions"
    ):
        yield WorkItem(
            p.person_id,
            "Care proceedings: 26-week limit",
            "care_proceedings",
            current_limit(p),
            None,
            link(p.person_id),
            "permanence",
        )
    for plo in PreProceedings.objects.filter(person_id__in=person_ids, status="OPEN"):
        yield WorkItem(
            plo.person_id,
            "Pre-proceedings (PLO) to conclude",
            "plo_pre_proceedings",
            clocks.plo_due(plo.letter_date or plo.decision_date),
            None,
            link(plo.person_id),
            "permanence",
        )
    for case in AdoptionCase.objects.filter(person_id__in=person_ids, status__in=["AUTHORISED", "PLACED"]):
        found = adoption_review_due(case)
        if found:
            rule_id, due = found
            yield WorkItem(
                case.person_id,
                "First adoption review",
                rule_id,
                due,
                None,
                link(case.person_id),
                "permanence",
            )
