"""Care: periods of care, placements, reviews, health and missing episodes in the child's
chronology (see casework.chronology for the interface)."""

from typing import Any

from django.db.models import Q

from casework.chronology import Event, Kind, Source
from codes import ssda903

from .models import MissingEpisode, PeriodOfCare, Placement


def _care_ended(p: PeriodOfCare) -> str:
    return f"Care ended: {ssda903.REASON_EPISODE_CEASED.label(p.reason_ceased).lower()}."


def _placement_ended(pl: Placement) -> str:
    return f"Placement ended: {ssda903.REASON_PLACEMENT_CHANGE.label(pl.reason_for_change).lower()}."


def _missing(m: MissingEpisode) -> str:
    return "Missing from placement." if m.kind == "M" else "Away from placement without authorisation."


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "looked_after.PeriodOfCare",
        Event.span(
            ("Became looked after", "The child started to be looked after."),
            ("Stopped being looked after", _care_ended),
        ),
        kind=Kind.PLACEMENT,
    ),
    Source(
        "looked_after.Placement",
        (
            Event(
                on="start_date",
                title="Placement started",
                summary=lambda pl: f"{ssda903.PLACEMENT_TYPE.label(pl.placement_type)} with {pl.carer_name}.",
            ),
            Event(
                when=Q(end_date__isnull=False, reason_for_change__gt=""),
                on="end_date",
                title="Placement ended",
                summary=_placement_ended,
                suffix=":ended",
            ),
        ),
        kind=Kind.PLACEMENT,
    ),
    Source(
        "looked_after.LACReview",
        (
            Event(
                on="held_on",
                title="Looked-after review",
                summary=lambda r: f"Review {r.sequence} held by the independent reviewing officer.",
            ),
        ),
        kind=Kind.REVIEW,
    ),
    Source(
        "looked_after.HealthAssessment",
        (
            Event(
                on="completed_on",
                title=lambda h: h.get_kind_display(),
                summary=lambda h: f"{h.get_kind_display()} completed.",
            ),
        ),
        kind=Kind.HEALTH,
    ),
    Source(
        "looked_after.MissingEpisode",
        (
            Event(
                on="started_at",
                title=lambda m: ssda903.MISSING_TYPE.label(m.kind).split(":")[0],
                summary=_missing,
            ),
        ),
        kind=Kind.MISSING,
    ),
)
