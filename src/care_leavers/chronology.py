"""Pathway plans and birthday statuses in a care leaver's chronology (see casework.chronology)."""

from collections.abc import Iterator
from typing import Any

from casework.chronology import ChronologyEvent, Kind, Source


def _pathway_plan(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for p in rows:
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.plan_date,
            kind=Kind.PLAN,
            title="Pathway plan",
            summary="A pathway plan was agreed with the young person.",
            source="care_leavers.PathwayPlan",
            source_key=f"care_leavers.PathwayPlan:{p.pk}",
        )


def _birthday_status(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for b in rows:
        yield ChronologyEvent(
            person_id=b.person_id,
            occurred_on=b.contact_date,
            kind=Kind.REVIEW,
            title="Birthday check-in",
            summary="In-touch status, activity and accommodation recorded.",
            source="care_leavers.BirthdayStatus",
            source_key=f"care_leavers.BirthdayStatus:{b.pk}",
        )


SOURCES = (
    Source("care_leavers.PathwayPlan", _pathway_plan),
    Source("care_leavers.BirthdayStatus", _birthday_status),
)
