"""Child in need plans and reviews in the child's chronology (see casework.chronology)."""

from typing import Any

from casework.chronology import Event, Kind, Source

SOURCES: tuple[Source[Any], ...] = (
    Source(
        "cin.CINPlan",
        (
            Event(
                on="start_date",
                title="Child in need plan started",
                summary="A child in need plan started.",
            ),
            Event.once(
                on="end_date",
                title="Child in need plan ended",
                summary=lambda p: f"Plan ended: {p.end_reason or 'reason not given'}.",
                suffix=":ended",
            ),
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
