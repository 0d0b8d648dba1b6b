"""Early help in the child's chronology (see casework.chronology for the interface)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from casework.chronology import ChronologyEvent, Kind, Source


def _early_help_episode(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for e in rows:
        yield ChronologyEvent(
            person_id=e.person_id,
            occurred_on=e.start_date,
            kind=Kind.PLAN,
            title="Early help started",
            summary="Early help support started for the family.",
            source="early_help.EarlyHelpEpisode",
            source_key=f"early_help.EarlyHelpEpisode:{e.pk}",
        )
        if e.end_date:
            yield ChronologyEvent(
                person_id=e.person_id,
                occurred_on=e.end_date,
                kind=Kind.PLAN,
                title="Early help ended",
                summary="Early help support ended.",
                source="early_help.EarlyHelpEpisode",
                source_key=f"early_help.EarlyHelpEpisode:{e.pk}:ended",
            )


def _handover(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for h in rows:
        yield ChronologyEvent(
            person_id=h.episode.person_id,
            occurred_on=h.handover_date,
            kind=Kind.DECISION,
            title=h.get_direction_display(),
            summary=f"{h.get_direction_display()} recorded with a handover.",
            source="early_help.Handover",
            source_key=f"early_help.Handover:{h.pk}",
        )


SOURCES = (
    Source("early_help.EarlyHelpEpisode", _early_help_episode, extra=(Q(end_date__isnull=False),)),
    Source("early_help.Handover", _handover, person="episode__person", select=("episode",)),
)
