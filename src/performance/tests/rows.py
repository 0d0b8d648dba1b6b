"""Hand-worked rows for the indicators' tests: each record made directly with only the fields
an indicator reads (the stages' services are tested in their own apps)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus
from frontdoor.models import Contact, ContactChild, Referral
from looked_after.models import (
    CareEpisode,
    LACReview,
    LegalStatusPeriod,
    MissingEpisode,
    PeriodOfCare,
    Placement,
)
from people import services as people
from protection.models import Conference, CPPlan, S47Enquiry, StrategyDiscussion


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def child(actor, name: str = "Ava", **extra):  # type: ignore[no-untyped-def]
    data = {"record_type": "CHILD", "given_name": name, "family_name": "Hand", "date_of_birth": date(2014, 5, 1),
            "sex": "F", "ethnicity": "WBRI", **extra}  # fmt: skip
    return people.create_person(actor=actor, data=data)


def children(actor, *names: str) -> list:  # type: ignore[no-untyped-def]
    """A child of each name, recorded by `actor`."""
    return [child(actor, name) for name in names]


def referral(person, actor, day: date, *, nfa: bool = False, closed: date | None = None) -> Referral:  # type: ignore[no-untyped-def]
    return Referral.objects.create(
        person=person, referral_date=day, received_at=at(day), source="1A", primary_need="N1",
        referral_nfa=nfa, closure_date=closed, created_by=actor,
    )  # fmt: skip


def contact(person, actor, received: datetime, *, decided: datetime | None = None, referral=None) -> Contact:  # type: ignore[no-untyped-def]
    made = Contact.objects.create(
        received_at=received, channel="PHONE", source="1A", concern="Worried", consent="GIVEN",
        decision_due=received.date(), calendar_version="test", decided_at=decided, created_by=actor,
    )  # fmt: skip
    ContactChild.objects.create(contact=made, person=person, referral=referral)
    return made


def assessment(ref: Referral, actor, start: date, done: date | None, outcomes=()) -> Assessment:  # type: ignore[no-untyped-def]
    return Assessment.objects.create(
        person=ref.person, referral=ref, start_date=start, due_date=start, calendar_version="test", worker=actor,
        authorised_on=done, outcomes=list(outcomes),
        status=AssessmentStatus.AUTHORISED if done else AssessmentStatus.IN_PROGRESS,
    )  # fmt: skip


def s47(ref: Referral, actor, discussed: date, started: date | None = None) -> S47Enquiry:  # type: ignore[no-untyped-def]
    discussion = StrategyDiscussion.objects.create(
        person=ref.person, referral=ref, held_on=discussed, information_shared="Bruising", decision="S47_JOINT",
        recorded_by=actor,
    )  # fmt: skip
    return S47Enquiry.objects.create(
        person=ref.person, referral=ref, strategy_discussion=discussion, start_date=started or discussed,
        icpc_due=discussed, calendar_version="test",
    )  # fmt: skip


def conference(ref: Referral, actor, held: date, *, kind: str = "INITIAL", enquiry=None) -> Conference:  # type: ignore[no-untyped-def]
    return Conference.objects.create(
        person=ref.person, referral=ref, kind=kind, s47=enquiry, chair=actor, held_on=held, decision="PLAN",
        recorded_by=actor,
    )  # fmt: skip


def cp_plan(ref: Referral, actor, start: date, end: date | None = None, *, elsewhere: int = 0) -> CPPlan:  # type: ignore[no-untyped-def]
    return CPPlan.objects.create(
        person=ref.person, referral=ref, start_date=start, end_date=end, category="PHY", chair=actor,
        first_core_group_due=start, first_review_due=start, calendar_version="test",
        previous_plans_elsewhere=elsewhere,
    )  # fmt: skip


def care(
    person,
    actor,
    start: date,
    end: date | None = None,
    *,
    places: int = 1,
    reason: str = "E4A",  # type: ignore[no-untyped-def]
    miles: str = "5.0",
    in_area: bool = True,
) -> PeriodOfCare:
    """A period of care with `places` placements of equal length, one episode each (RNE S then P)."""
    period = PeriodOfCare.objects.create(
        person=person,
        start_date=start,
        end_date=end,
        category_of_need="N1",
        created_by=actor,
        reason_ceased=reason if end else "",
    )
    status = LegalStatusPeriod.objects.create(
        period=period, person=person, legal_status="C2", start_date=start, end_date=end, recorded_by=actor
    )
    last = end or date(start.year + 1, start.month, 1)
    step = (last - start) / places
    for n in range(places):
        begin = start + step * n
        finish = start + step * (n + 1) if n + 1 < places else end
        place = Placement.objects.create(
            period=period,
            person=person,
            placement_type="U1",
            provider="PR1",
            carer_name="Carer",
            start_date=begin,
            end_date=finish,
            recorded_by=actor,
            distance_miles=miles,
            in_area=in_area,
        )
        CareEpisode.objects.create(
            period=period,
            person=person,
            start_date=begin,
            end_date=finish,
            reason_new_episode="S" if n == 0 else "P",
            legal_status=status,
            placement=place,
            reason_ceased=(reason if finish == end else "X1") if finish else "",
        )
    return period  # fmt: skip


def review(
    period: PeriodOfCare, actor, held: date, due: date, *, met: bool = True, code: str = "PN1"
) -> LACReview:  # type: ignore[no-untyped-def]
    return LACReview.objects.create(
        period=period, person=period.person, sequence=1, rule_id="lac_review", due_date=due, calendar_version="test",
        held_on=held, participation=code, iro=actor, iro_met_child=met, recorded_by=actor,
    )  # fmt: skip


def missing(period: PeriodOfCare, actor, started: datetime, ended: datetime | None = None, interview=None):  # type: ignore[no-untyped-def]
    return MissingEpisode.objects.create(
        person=period.person, period=period, kind="M", started_at=started, ended_at=ended, rhi_held_at=interview,
        recorded_by=actor,
    )  # fmt: skip
