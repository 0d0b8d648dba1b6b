"""Child in need plans and reviews in the child's chronology (see casework.chronology)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from casework.chronology import ChronologyEvent, Kind, Source


def _cin_plan(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for p in rows:
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.start_date,
            kind=Kind.PLAN,
            title="Child in need plan started",
            summary="A child in need plan started.",
            source="cin.CINPlan",
            source_key=f"cin.CINPlan:{p.pk}",
        )
        if p.end_date:
            yield ChronologyEvent(
                person_id=p.person_id,
                occurred_on=p.end_date,
                kind=Kind.PLAN,
                title="Child in need plan ended",
                summary=f"Plan ended: {p.end_reason or 'reason not given'}.",
                source="cin.CINPlan",
                source_key=f"cin.CINPlan:{p.pk}:ended",
            )


def _cin_review(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for r in rows:
        yield ChronologyEvent(
            person_id=r.plan.person_id,
            occurred_on=r.held_on,
            kind=Kind.REVIEW,
            title="Child in need review",
            summary="The child in need plan was reviewed.",
            source="cin.CINReview",
            source_key=f"cin.CINReview:{r.pk}",
        )


SOURCES = (
    Source("cin.CINPlan", _cin_plan, extra=(Q(end_date__isnull=False),)),
    Source("cin.CINReview", _cin_review, person="plan__person", select=("plan",)),
)
