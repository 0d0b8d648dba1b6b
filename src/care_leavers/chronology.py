"""Pathway plans and birthday statuses in a care leaver's chronology (see casework.chronology)."""

from collections.abc import Collection, Iterator

from casework.chronology import ChronologyEvent, Kind

from .models import BirthdayStatus, PathwayPlan


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for p in PathwayPlan.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.plan_date,
            kind=Kind.PLAN,
            title="Pathway plan",
            summary="A pathway plan was agreed with the young person.",
            source="care_leavers.PathwayPlan",
            source_key=f"care_leavers.PathwayPlan:{p.pk}",
        )
    for b in BirthdayStatus.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=b.person_id,
            occurred_on=b.contact_date,
            kind=Kind.REVIEW,
            title="Birthday check-in",
            summary="In-touch status, activity and accommodation recorded.",
            source="care_leavers.BirthdayStatus",
            source_key=f"care_leavers.BirthdayStatus:{b.pk}",
        )
