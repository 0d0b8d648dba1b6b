"""Chronology events from allocations: who the child's worker is, and every change."""

from django.db.models import Q

from workforce.models import Allocation

from ..chronology.events import ChronologyEvent, Kind
from ..chronology.sources import Event, Source


def _allocated(a: Allocation) -> ChronologyEvent:
    role = a.get_role_display().lower()
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.start_date,
        kind=Kind.ALLOCATION,
        title="Worker allocated",
        summary=f"{a.worker.display_name} ({a.team.name}) became the {role}: {a.get_start_reason_display().lower()}.",
        source="workforce.Allocation",
        source_key=f"workforce.Allocation:{a.pk}",
    )


def _allocation_ended(a: Allocation) -> ChronologyEvent:
    role = a.get_role_display().lower()
    reason = f": {a.get_end_reason_display().lower()}" if a.end_reason else ""
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.ALLOCATION,
        title="Worker allocation ended",
        summary=f"{a.worker.display_name} stopped being the {role}{reason}.",
        source="workforce.Allocation",
        source_key=f"workforce.Allocation:{a.pk}:ended",
    )


SOURCES = (
    Source(
        "workforce.Allocation",
        (Event(_allocated), Event(_allocation_ended, when=Q(end_date__isnull=False))),
        select=("worker", "team"),
    ),
)
