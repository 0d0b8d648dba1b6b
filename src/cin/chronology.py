"""Child in need plans and reviews in the child's chronology (see casework.chronology)."""

from collections.abc import Collection, Iterator

from casework.chronology import ChronologyEvent, Kind

from .models import CINPlan, CINReview


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for p in CINPlan.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.start_date,
            kind=Kind.PLAN,
            title="Child in need plan started",
            summary="A child in need plan started.",
            source="cin.CINPlan",
            source_key=f"cin.CINPlan:{p.pk}",
        )
        if p.end_date:
            yield ChronologyEvent(
                person_id=p.person_id,
                occurred_on=p.end_date,
                kind=Kind.PLAN,
                title="Child in need plan ended",
                summary=f"Plan ended: {p.end_reason or 'reason not given'}.",
                source="cin.CINPlan",
                source_key=f"cin.CINPlan:{p.pk}:ended",
            )
    for r in CINReview.objects.filter(plan__person_id__in=person_ids).select_related("plan"):
        yield ChronologyEvent(
            person_id=r.plan.person_id,
            occurred_on=r.held_on,
            kind=Kind.REVIEW,
            title="Child in need review",
            summary="The child in need plan was reviewed.",
            source="cin.CINReview",
            source_key=f"cin.CINReview:{r.pk}",
        )
