"""Child in need plans and reviews in the child's chronology (see casework.chronology)."""

from typing import Any

from casework.chronology import Event, Kind, Source

SOURCES: tuple[Source[Any], ...] = (
    Source(
        "cin.CINPlan",
        Event.span(
            ("Child in need plan started", "A child in need plan started."),
            ("Child in need plan ended", lambda p: f"Plan ended: {p.end_reason or 'reason not given'}."),
        ),
        kind=Kind.PLAN,
    ),
    Source(
        "cin.CINReview",
        (
            Event(
                on="held_on",
                title="Child in need review",
                summary="The child in need plan was reviewed.",
            ),
        ),
        person="plan__person",
        select=("plan",),
        kind=Kind.REVIEW,
    ),
)
