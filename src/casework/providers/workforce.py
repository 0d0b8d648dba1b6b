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
        Event.span(
            ("Worker allocated", _allocated),
            ("Worker allocation ended", _allocation_ended),
            kind=Kind.ALLOCATION,
        ),
        select=("worker", "team"),
    ),
)
