"""Pathway plans and birthday statuses in a care leaver's chronology (see casework.chronology)."""

from typing import Any

from casework.chronology import Event, Kind, Source

SOURCES: tuple[Source[Any], ...] = (
    Source(
        "care_leavers.PathwayPlan",
        (
            Event(
                on="plan_date",
                title="Pathway plan",
                summary="A pathway plan was agreed with the young person.",
            ),
        ),
        kind=Kind.PLAN,
    ),
    Source(
        "care_leavers.BirthdayStatus",
        (
            Event(
                on="contact_date",
                title="Birthday check-in",
                summary="In-touch status, activity and accommodation recorded.",
            ),
        ),
        kind=Kind.REVIEW,
    ),
)
