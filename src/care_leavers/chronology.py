"""Pathway plans and birthday statuses in a care leaver's chronology (see casework.chronology)."""

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import BirthdayStatus, PathwayPlan


def _pathway_plan(p: PathwayPlan) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.plan_date,
        kind=Kind.PLAN,
        title="Pathway plan",
        summary="A pathway plan was agreed with the young person.",
        source="care_leavers.PathwayPlan",
        source_key=f"care_leavers.PathwayPlan:{p.pk}",
    )


def _birthday_status(b: BirthdayStatus) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=b.person_id,
        occurred_on=b.contact_date,
        kind=Kind.REVIEW,
        title="Birthday check-in",
        summary="In-touch status, activity and accommodation recorded.",
        source="care_leavers.BirthdayStatus",
        source_key=f"care_leavers.BirthdayStatus:{b.pk}",
    )


SOURCES = (
    Source("care_leavers.PathwayPlan", (Event(_pathway_plan),)),
    Source("care_leavers.BirthdayStatus", (Event(_birthday_status),)),
)
