"""Chronology events from allocations: who the child's worker is, and every change."""

from typing import Any

from workforce.models import Allocation

from ..chronology.events import Kind
from ..chronology.sources import Event, Source


def _allocated(a: Allocation) -> str:
    role = a.get_role_display().lower()
    return (
        f"{a.worker.display_name} ({a.team.name}) became the {role}: {a.get_start_reason_display().lower()}."
    )


def _allocation_ended(a: Allocation) -> str:
    role = a.get_role_display().lower()
    reason = f": {a.get_end_reason_display().lower()}" if a.end_reason else ""
    return f"{a.worker.display_name} stopped being the {role}{reason}."


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "workforce.Allocation",
        (
            Event(kind=Kind.ALLOCATION, on="start_date", title="Worker allocated", summary=_allocated),
            Event.once(
                kind=Kind.ALLOCATION,
                on="end_date",
                title="Worker allocation ended",
                summary=_allocation_ended,
                suffix=":ended",
            ),
        ),
        select=("worker", "team"),
    ),
)
