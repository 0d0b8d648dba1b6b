"""Child in need plans and reviews in the child's chronology (see casework.chronology)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import CINPlan, CINReview


def _plan_started(p: CINPlan) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.start_date,
        kind=Kind.PLAN,
        title="Child in need plan started",
        summary="A child in need plan started.",
        source="cin.CINPlan",
        source_key=f"cin.CINPlan:{p.pk}",
    )


def _plan_ended(p: CINPlan) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.PLAN,
        title="Child in need plan ended",
        summary=f"Plan ended: {p.end_reason or 'reason not given'}.",
        source="cin.CINPlan",
        source_key=f"cin.CINPlan:{p.pk}:ended",
    )


def _review(r: CINReview) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=r.plan.person_id,
        occurred_on=r.held_on,
        kind=Kind.REVIEW,
        title="Child in need review",
        summary="The child in need plan was reviewed.",
        source="cin.CINReview",
        source_key=f"cin.CINReview:{r.pk}",
    )


SOURCES = (
    Source("cin.CINPlan", (Event(_plan_started), Event(_plan_ended, when=Q(end_date__isnull=False)))),
    Source("cin.CINReview", (Event(_review),), person="plan__person", select=("plan",)),
)
