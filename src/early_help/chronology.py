"""Early help in the child's chronology (see casework.chronology for the interface)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import EarlyHelpEpisode, Handover


def _started(e: EarlyHelpEpisode) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=e.person_id,
        occurred_on=e.start_date,
        kind=Kind.PLAN,
        title="Early help started",
        summary="Early help support started for the family.",
        source="early_help.EarlyHelpEpisode",
        source_key=f"early_help.EarlyHelpEpisode:{e.pk}",
    )


def _ended(e: EarlyHelpEpisode) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=e.person_id,
        occurred_on=e.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.PLAN,
        title="Early help ended",
        summary="Early help support ended.",
        source="early_help.EarlyHelpEpisode",
        source_key=f"early_help.EarlyHelpEpisode:{e.pk}:ended",
    )


def _handover(h: Handover) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=h.episode.person_id,
        occurred_on=h.handover_date,
        kind=Kind.DECISION,
        title=h.get_direction_display(),
        summary=f"{h.get_direction_display()} recorded with a handover.",
        source="early_help.Handover",
        source_key=f"early_help.Handover:{h.pk}",
    )


SOURCES = (
    Source("early_help.EarlyHelpEpisode", (Event(_started), Event(_ended, when=Q(end_date__isnull=False)))),
    Source("early_help.Handover", (Event(_handover),), person="episode__person", select=("episode",)),
)
