"""Care: periods of care, placements, reviews, health and missing episodes in the child's
chronology (see casework.chronology for the interface)."""

from collections.abc import Collection, Iterator

from casework.chronology import ChronologyEvent, Kind
from codes import ssda903

from .models import HealthAssessment, LACReview, MissingEpisode, PeriodOfCare, Placement


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for p in PeriodOfCare.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.start_date,
            kind=Kind.PLACEMENT,
            title="Became looked after",
            summary="The child started to be looked after.",
            source="looked_after.PeriodOfCare",
            source_key=f"looked_after.PeriodOfCare:{p.pk}",
        )
        if p.end_date:
            yield ChronologyEvent(
                person_id=p.person_id,
                occurred_on=p.end_date,
                kind=Kind.PLACEMENT,
                title="Stopped being looked after",
                summary=f"Care ended: {ssda903.REASON_EPISODE_CEASED.label(p.reason_ceased).lower()}.",
                source="looked_after.PeriodOfCare",
                source_key=f"looked_after.PeriodOfCare:{p.pk}:ended",
            )
    for pl in Placement.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=pl.person_id,
            occurred_on=pl.start_date,
            kind=Kind.PLACEMENT,
            title="Placement started",
            summary=f"{ssda903.PLACEMENT_TYPE.label(pl.placement_type)} with {pl.carer_name}.",
            source="looked_after.Placement",
            source_key=f"looked_after.Placement:{pl.pk}",
        )
        if pl.end_date and pl.reason_for_change:
            yield ChronologyEvent(
                person_id=pl.person_id,
                occurred_on=pl.end_date,
                kind=Kind.PLACEMENT,
                title="Placement ended",
                summary=f"Placement ended: {ssda903.REASON_PLACEMENT_CHANGE.label(pl.reason_for_change).lower()}.",
                source="looked_after.Placement",
                source_key=f"looked_after.Placement:{pl.pk}:ended",
            )
    for r in LACReview.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=r.person_id,
            occurred_on=r.held_on,
            kind=Kind.REVIEW,
            title="Looked-after review",
            summary=f"Review {r.sequence} held by the independent reviewing officer.",
            source="looked_after.LACReview",
            source_key=f"looked_after.LACReview:{r.pk}",
        )
    for h in HealthAssessment.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=h.person_id,
            occurred_on=h.completed_on,
            kind=Kind.HEALTH,
            title=h.get_kind_display(),
            summary=f"{h.get_kind_display()} completed.",
            source="looked_after.HealthAssessment",
            source_key=f"looked_after.HealthAssessment:{h.pk}",
        )
    for m in MissingEpisode.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=m.person_id,
            occurred_on=m.started_at,
            kind=Kind.MISSING,
            title=ssda903.MISSING_TYPE.label(m.kind).split(":")[0],
            summary="Missing from placement."
            if m.kind == "M"
            else "Away from placement without authorisation.",
            source="looked_after.MissingEpisode",
            source_key=f"looked_after.MissingEpisode:{m.pk}",
        )
