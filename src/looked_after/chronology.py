"""Care: periods of care, placements, reviews, health and missing episodes in the child's
chronology (see casework.chronology for the interface)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source
from codes import ssda903

from .models import HealthAssessment, LACReview, MissingEpisode, PeriodOfCare, Placement


def _care_started(p: PeriodOfCare) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.start_date,
        kind=Kind.PLACEMENT,
        title="Became looked after",
        summary="The child started to be looked after.",
        source="looked_after.PeriodOfCare",
        source_key=f"looked_after.PeriodOfCare:{p.pk}",
    )


def _care_ended(p: PeriodOfCare) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.PLACEMENT,
        title="Stopped being looked after",
        summary=f"Care ended: {ssda903.REASON_EPISODE_CEASED.label(p.reason_ceased).lower()}.",
        source="looked_after.PeriodOfCare",
        source_key=f"looked_after.PeriodOfCare:{p.pk}:ended",
    )


def _placement_started(pl: Placement) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=pl.person_id,
        occurred_on=pl.start_date,
        kind=Kind.PLACEMENT,
        title="Placement started",
        summary=f"{ssda903.PLACEMENT_TYPE.label(pl.placement_type)} with {pl.carer_name}.",
        source="looked_after.Placement",
        source_key=f"looked_after.Placement:{pl.pk}",
    )


def _placement_ended(pl: Placement) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=pl.person_id,
        occurred_on=pl.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.PLACEMENT,
        title="Placement ended",
        summary=f"Placement ended: {ssda903.REASON_PLACEMENT_CHANGE.label(pl.reason_for_change).lower()}.",
        source="looked_after.Placement",
        source_key=f"looked_after.Placement:{pl.pk}:ended",
    )


def _lac_review(r: LACReview) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=r.person_id,
        occurred_on=r.held_on,
        kind=Kind.REVIEW,
        title="Looked-after review",
        summary=f"Review {r.sequence} held by the independent reviewing officer.",
        source="looked_after.LACReview",
        source_key=f"looked_after.LACReview:{r.pk}",
    )


def _health_assessment(h: HealthAssessment) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=h.person_id,
        occurred_on=h.completed_on,
        kind=Kind.HEALTH,
        title=h.get_kind_display(),
        summary=f"{h.get_kind_display()} completed.",
        source="looked_after.HealthAssessment",
        source_key=f"looked_after.HealthAssessment:{h.pk}",
    )


def _missing_episode(m: MissingEpisode) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=m.person_id,
        occurred_on=m.started_at,
        kind=Kind.MISSING,
        title=ssda903.MISSING_TYPE.label(m.kind).split(":")[0],
        summary="Missing from placement." if m.kind == "M" else "Away from placement without authorisation.",
        source="looked_after.MissingEpisode",
        source_key=f"looked_after.MissingEpisode:{m.pk}",
    )


SOURCES = (
    Source(
        "looked_after.PeriodOfCare",
        (Event(_care_started), Event(_care_ended, when=Q(end_date__isnull=False))),
    ),
    Source(
        "looked_after.Placement",
        (
            Event(_placement_started),
            Event(_placement_ended, when=Q(end_date__isnull=False, reason_for_change__gt="")),
        ),
    ),
    Source("looked_after.LACReview", (Event(_lac_review),)),
    Source("looked_after.HealthAssessment", (Event(_health_assessment),)),
    Source("looked_after.MissingEpisode", (Event(_missing_episode),)),
)
