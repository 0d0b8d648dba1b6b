"""Early help in the child's chronology (see casework.chronology for the interface)."""

from typing import Any

from casework.chronology import Event, Kind, Source

SOURCES: tuple[Source[Any], ...] = (
    Source(
        "early_help.EarlyHelpEpisode",
        Event.span(
            ("Early help started", "Early help support started for the family."),
            ("Early help ended", "Early help support ended."),
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
