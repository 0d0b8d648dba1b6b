"""Assessments in the child's chronology (see casework.chronology for the interface)."""

from typing import Any

from casework.chronology import Event, Kind, Source

from .models import Assessment


def _authorised(a: Assessment) -> str:
    outcomes = ", ".join(a.outcomes) if isinstance(a.outcomes, list) else ""
    return "Assessment completed and authorised by a manager" + (
        f"; outcome: {outcomes.lower().replace('_', ' ')}." if outcomes else "."
    )


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "assessments.Assessment",
        Event.span(
            (
                lambda a: f"{a.get_kind_display()} started",
                lambda a: f"{a.get_kind_display()} started; due by {a.due_date:%-d %B %Y}.",
            ),
            (lambda a: f"{a.get_kind_display()} authorised", _authorised),
            end="authorised_on",
            suffix=":authorised",
        ),
        kind=Kind.ASSESSMENT,
    ),
)
