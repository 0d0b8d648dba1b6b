"""Permanence and court clocks for "My work": 26-week proceedings, PLO, first adoption reviews.

One item builder per record (`proceedings_item`, `plo_item`, `adoption_item`): the work list
and the child's summary (`permanence.summary`) date the same rows the same way."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem

from . import clocks
from .models import AdoptionCase, CareProceedings, PreProceedings
from .queries import adoption_review_due, current_limit

# The adoption stages at which the first adoption review runs.
REVIEWED_ADOPTION_STAGES = ("AUTHORISED", "PLACED")


def _link(person_id: int) -> str:
    return url("people:work", person_id)


def proceedings_item(p: CareProceedings) -> WorkItem:
    """Open care proceedings' limit (their `extensions` are read: prefetch them)."""
    return WorkItem(
        p.person_id,
        "Care proceedings: 26-week limit",
        "care_proceedings",
        current_limit(p),
        None,
        _link(p.person_id),
        "permanence",
    )


def plo_item(plo: PreProceedings) -> WorkItem:
    return WorkItem(
        plo.person_id,
        "Pre-proceedings (PLO) to conclude",
        "plo_pre_proceedings",
        clocks.plo_due(plo.letter_date or plo.decision_date),
        None,
        _link(plo.person_id),
        "permanence",
    )


def adoption_item(case: AdoptionCase) -> WorkItem | None:
    """The first adoption review of a case at a stage that has one, if it is due."""
    if case.status not in REVIEWED_ADOPTION_STAGES:
        return None
    found = adoption_review_due(case)
    if not found:
        return None
    rule_id, due = found
    return WorkItem(
        case.person_id, "First adoption review", rule_id, due, None, _link(case.person_id), "permanence"
    )


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for p in CareProceedings.objects.filter(person_id__in=person_ids, status="OPEN").prefetch_related(
        "extensions"
    ):
        yield proceedings_item(p)
    for plo in PreProceedings.objects.filter(person_id__in=person_ids, status="OPEN"):
        yield plo_item(plo)
    for case in AdoptionCase.objects.filter(person_id__in=person_ids, status__in=REVIEWED_ADOPTION_STAGES):
        if (item := adoption_item(case)) is not None:
            yield item
