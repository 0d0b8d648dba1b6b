"""Early help in the child's chronology (see casework.chronology for the interface)."""

from typing import Any

from casework.chronology import Event, Kind, Source

SOURCES: tuple[Source[Any], ...] = (
    Source(
        "early_help.EarlyHelpEpisode",
        (
            Event(
                on="start_date",
                title="Early help started",
                summary="Early help support started for the family.",
            ),
            Event.once(
                on="end_date",
                title="Early help ended",
                summary="Early help support ended.",
                suffix=":ended",
            ),
        ),
        kind=Kind.PLAN,
    ),
    Source(
        "early_help.Handover",
        (
            Event(
                on="handover_date",
                title=lambda h: h.get_direction_display(),
                summary=lambda h: f"{h.get_direction_display()} recorded with a handover.",
            ),
        ),
        person="episode__person",
        select=("episode",),
        kind=Kind.DECISION,
    ),
)
