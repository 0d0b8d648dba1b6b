"""Chronology events from allocations: who the child's worker is, and every change."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from ..chronology import ChronologyEvent, Kind, Source


def _allocations(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for a in rows:
        role = a.get_role_display().lower()
        yield ChronologyEvent(
            person_id=a.person_id,
            occurred_on=a.start_date,
            kind=Kind.ALLOCATION,
            title="Worker allocated",
            summary=f"{a.worker.display_name} ({a.team.name}) became the {role}: {a.get_start_reason_display().lower()}.",
            source="workforce.Allocation",
            source_key=f"workforce.Allocation:{a.pk}",
        )
        if a.end_date:
            reason = f": {a.get_end_reason_display().lower()}" if a.end_reason else ""
            yield ChronologyEvent(
                person_id=a.person_id,
                occurred_on=a.end_date,
                kind=Kind.ALLOCATION,
                title="Worker allocation ended",
                summary=f"{a.worker.display_name} stopped being the {role}{reason}.",
                source="workforce.Allocation",
                source_key=f"workforce.Allocation:{a.pk}:ended",
            )


SOURCES = (
    Source(
        "workforce.Allocation", _allocations, extra=(Q(end_date__isnull=False),), select=("worker", "team")
    ),
)
