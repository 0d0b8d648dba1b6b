"""Early help in the child's chronology (see casework.chronology for the interface)."""

from collections.abc import Collection, Iterator

from casework.chronology import ChronologyEvent, Kind

from .models import EarlyHelpEpisode, Handover


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for e in EarlyHelpEpisode.objects.filter(person_id__in=person_ids):
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
    for h in Handover.objects.filter(episode__person_id__in=person_ids).select_related("episode"):
        yield ChronologyEvent(
            person_id=h.episode.person_id,
            occurred_on=h.handover_date,
            kind=Kind.DECISION,
            title=h.get_direction_display(),
            summary=f"{h.get_direction_display()} recorded with a handover.",
            source="early_help.Handover",
            source_key=f"early_help.Handover:{h.pk}",
        )
