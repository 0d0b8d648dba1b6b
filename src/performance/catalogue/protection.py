"""Section 47 enquiries, conferences, child protection plans and children in need (DfE
Characteristics of children in need; Working Together 2023)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Value

from casework.models import Visit, VisitKind
from frontdoor.models import Referral
from plans.standards import standard
from protection.models import Conference, ConferenceKind, CPPlan, S47Enquiry
from timescales.calendar import working_days_between
from timescales.rules import get_rule
from workforce.models import Allocation, AllocationRole

from ..periods import Period, add_months
from .base import CATALOGUE, Item, Polarity, Source, Unit, declare
from .counted import Counted, flag
from .query import CIN_CHILDREN, dmy, open_on, within

FAMILY = "Child protection"


def _s47_started(period: Period) -> QuerySet[S47Enquiry]:
    return S47Enquiry.objects.filter(CIN_CHILDREN, within("start_date", period)).annotate(
        subject=F("person_id"), on=F("start_date"), hit=Value(True)
    )


_s47 = Counted(_s47_started, lambda on: f"Section 47 enquiry {dmy(on)}")


s47 = declare(
    id="s47_enquiries",
    title="Section 47 enquiries started",
    definition="Section 47 enquiries with a start date in the period (CIN census S47ActualStartDate).",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Section 47 enquiries started in the period",
    items=_s47,
    family=FAMILY,
)
CATALOGUE.rate_of(s47, id="s47_enquiries_rate", title="Section 47 enquiries per 10,000 children")


def _icpcs(period: Period) -> list[Item]:
    rows = Conference.objects.filter(
        CIN_CHILDREN, within("held_on", period), kind=ConferenceKind.INITIAL
    ).values_list("person_id", "held_on", "s47__strategy_discussion__held_on", "s47__start_date")
    items = []
    for pid, held, discussed, started in rows:
        since = discussed or started
        days = working_days_between(since, held) if since else None
        items.append(
            Item(
                pid,
                held,
                hit=days is not None and days <= get_rule("icpc").amount,
                days=days,
                what=f"Initial conference {dmy(held)}",
            )
        )
    return items


declare(
    id="initial_conferences",
    title="Initial child protection conferences",
    definition="Initial child protection conferences held in the period (transfer-in and review "
    "conferences are not counted).",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Initial conferences held in the period",
    items=_icpcs,
    family=FAMILY,
)

declare(
    id="icpc_within_15_days",
    title=f"Initial conferences within {get_rule('icpc').in_words}",
    definition="Of the initial conferences held in the period, the percentage held within "
    f"{get_rule('icpc').in_words} of the strategy discussion that began the section 47 enquiry (Working "
    "Together 2023; the discussion's day is day 0, bank holidays are not working days).",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Held within {get_rule('icpc').in_words} of the strategy discussion",
    denominator="Initial conferences held in the period",
    items=_icpcs,
    family=FAMILY,
)


def _plans_starting(period: Period) -> QuerySet[CPPlan]:
    earlier = CPPlan.objects.filter(person_id=OuterRef("person_id"), start_date__lt=OuterRef("start_date"))
    return CPPlan.objects.filter(CIN_CHILDREN, within("start_date", period)).annotate(
        subject=F("person_id"),
        on=F("start_date"),
        hit=flag(Q(Exists(earlier)) | Q(previous_plans_elsewhere__gt=0)),
    )


_plans_started = Counted(_plans_starting, lambda on: f"Plan started {dmy(on)}")


declare(
    id="cp_plans_started",
    title="Child protection plans started",
    definition="Child protection plans starting in the period (the date of the conference that made the plan).",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Plans starting in the period",
    items=_plans_started,
    family=FAMILY,
)

declare(
    id="cp_second_or_subsequent",
    title="Second or subsequent child protection plans",
    definition="Of the plans starting in the period, the percentage for a child who had a plan "
    "before, at any time (here or, as recorded, in another authority).",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Plans for a child who had a plan before",
    denominator="Plans starting in the period",
    items=_plans_started,
    family=FAMILY,
)


def _plans_open(period: Period) -> QuerySet[CPPlan]:
    return CPPlan.objects.filter(CIN_CHILDREN, open_on(period.end)).annotate(
        subject=F("person_id"), on=Value(period.end), hit=Value(True)
    )


_on_plan = Counted(
    _plans_open,
    lambda on, day, category: f"On a plan since {dmy(day)} ({category})",
    ("start_date", "category"),
)


on_plan = declare(
    id="cp_plans_at_period_end",
    title="Children on a child protection plan at the period end",
    definition="Children subject to a child protection plan at the end of the period's last day "
    "(a plan ending that day is not counted, as the census records it).",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Children on a plan at the period end",
    items=_on_plan,
    family=FAMILY,
    as_at=True,
    distinct_children=True,
)
CATALOGUE.rate_of(
    on_plan, id="cp_plans_rate", title="Children on a child protection plan per 10,000 children"
)


def _plans_ended(period: Period) -> list[Item]:
    rows = [
        (pid, start, end)
        for pid, start, end in CPPlan.objects.filter(CIN_CHILDREN, within("end_date", period)).values_list(
            "person_id", "start_date", "end_date"
        )
        if end is not None
    ]
    return [
        Item(pid, end, hit=end >= add_months(start, 24), what=f"Plan {dmy(start)} to {dmy(end)}")
        for pid, start, end in rows
    ]


declare(
    id="cp_plans_ended_2_years",
    title="Plans ending that lasted 2 years or more",
    definition="Of the child protection plans ending in the period, the percentage that had "
    "lasted two years or more.",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Plans that lasted 2 years or more",
    denominator="Plans ending in the period",
    items=_plans_ended,
    family=FAMILY,
)


def _open_episodes(period: Period) -> QuerySet[Referral]:
    return Referral.objects.filter(
        CIN_CHILDREN, open_on(period.end, "referral_date", "closure_date")
    ).annotate(subject=F("person_id"), on=Value(period.end), hit=Value(True))


_children_in_need = Counted(_open_episodes, lambda on, day: f"Episode from {dmy(day)}", ("referral_date",))


cin = declare(
    id="cin_at_period_end",
    title="Children in need at the period end",
    definition="Children with an open child in need episode (a referral not closed) at the end "
    "of the period's last day, including children on plans and looked after.",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Children with an open episode",
    items=_children_in_need,
    family="Children in need",
    as_at=True,
    distinct_children=True,
)
CATALOGUE.rate_of(cin, id="cin_rate", title="Children in need per 10,000 children")


def _reviews_held(period: Period) -> QuerySet[Conference]:
    return Conference.objects.filter(
        CIN_CHILDREN, within("held_on", period), kind=ConferenceKind.REVIEW, due_on__isnull=False
    ).annotate(subject=F("person_id"), on=F("held_on"), hit=flag(Q(held_on__lte=F("due_on"))))


_cp_reviews = Counted(
    _reviews_held, lambda on, due: f"Review conference {dmy(on)}, due {dmy(due)}", ("due_on",)
)


declare(
    id="cp_reviews_on_time",
    title="Child protection review conferences on time",
    definition="Of the review conferences held in the period, the percentage held by their due "
    f"date (the first within {get_rule('first_cp_review').in_words} of the initial conference, then "
    f"every {get_rule('cp_review').in_words}: Working "
    "Together 2023). A local measure of each review; the DfE's measure counts children whose "
    "every review was on time.",
    source=Source.WORKING_TOGETHER,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Reviews held by their due date",
    denominator="Review conferences held in the period",
    items=_cp_reviews,
    family=FAMILY,
)


def _episodes_unallocated(period: Period) -> QuerySet[Referral]:
    day = period.end
    allocated = Allocation.objects.filter(
        open_on(day) | Q(start_date__lte=day, end_date=day),
        person_id=OuterRef("person_id"),
        role=AllocationRole.SOCIAL_WORKER,
    )
    return Referral.objects.filter(CIN_CHILDREN, open_on(day, "referral_date", "closure_date")).annotate(
        subject=F("person_id"), on=Value(day), hit=flag(~Exists(allocated))
    )


_unallocated = Counted(
    _episodes_unallocated, lambda on, referred: f"Episode from {dmy(referred)}", ("referral_date",)
)


declare(
    id="unallocated_children",
    title="Children in need with no allocated social worker",
    definition="Of the open child in need episodes at the end of the period's last day, the "
    "percentage whose child had no social worker allocated that day.",
    source=Source.ANNEX_A,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Episodes with no allocated social worker",
    denominator="Open child in need episodes",
    items=_unallocated,
    family="Children in need",
    as_at=True,
)


def _first_core_groups(period: Period) -> list[Item]:
    rows = (
        CPPlan.objects.filter(CIN_CHILDREN, within("start_date", period))
        .annotate(first=Min("core_groups__held_on"))
        .values_list("person_id", "start_date", "first_core_group_due", "first")
    )
    return [
        Item(
            pid,
            start,
            hit=first is not None and first <= due,
            what=f"Plan from {dmy(start)}, first core group due {dmy(due)}",
        )
        for pid, start, due, first in rows
    ]


declare(
    id="first_core_group_on_time",
    title=f"First core groups within {get_rule('first_core_group').in_words}",
    definition="Of the child protection plans starting in the period, the percentage whose first "
    f"core group met within {get_rule('first_core_group').in_words} of the initial conference (the plan's recorded due "
    "date; local procedures following Working Together).",
    source=Source.WORKING_TOGETHER,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="First core group held by its due date",
    denominator="Plans starting in the period",
    items=_first_core_groups,
    family=FAMILY,
    divisible=False,  # a core group after the period's end can still be in time
)


_DAYS = standard("cp_visit_working_days")  # the authority's standard (HARBOUR_PROTECTION)
CP_VISIT = f"{_DAYS} working day{'' if _DAYS == 1 else 's'}"


def _cp_visits(period: Period) -> list[Item]:
    """Child protection visits in the period, each against the previous visit (or the start of
    the plan it falls in) to see whether it came within the standard."""
    in_period = Visit.objects.filter(CIN_CHILDREN, within("visited_on", period), kind=VisitKind.CP)
    visits = list(in_period.values_list("person_id", "visited_on", "child_seen", "seen_alone"))
    people = {pid for pid, *_ in visits}
    earlier: dict[int, list[date]] = defaultdict(list)
    for pid, day in Visit.objects.filter(
        person_id__in=people, kind=VisitKind.CP, visited_on__lte=period.end
    ).values_list("person_id", "visited_on"):
        earlier[pid].append(day)
    for pid, day in CPPlan.objects.filter(person_id__in=people, start_date__lte=period.end).values_list(
        "person_id", "start_date"
    ):
        earlier[pid].append(day)
    limit = standard("cp_visit_working_days")  # the authority's standard, as the plan's clock reads it
    items = []
    for pid, day, seen, alone in visits:
        before = [d for d in earlier[pid] if d < day]
        since = max(before) if before else None
        days = working_days_between(since, day) if since else None
        items.append(
            Item(pid, day, hit=days is not None and days <= limit, days=days,
                 what=f"Visit {dmy(day)}{', seen alone' if alone else ', seen' if seen else ', not seen'}")
        )  # fmt: skip
    return items


declare(
    id="cp_visits_on_time",
    title=f"Child protection visits within {CP_VISIT}",
    definition=f"Of the child protection visits in the period, the percentage made within {CP_VISIT} "
    "of the child's previous visit (or of the start of their plan). A local practice "
    "standard: the authority sets how often children on plans are visited.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Visits within {CP_VISIT} of the last",
    denominator="Child protection visits in the period",
    items=_cp_visits,
    family=FAMILY,
)


def _visits_seen(period: Period) -> QuerySet[Visit]:
    return Visit.objects.filter(
        CIN_CHILDREN, within("visited_on", period), kind=VisitKind.CP, child_seen=True
    ).annotate(subject=F("person_id"), on=F("visited_on"), hit=F("seen_alone"))


_seen_alone = Counted(_visits_seen, lambda on: f"Visit {dmy(on)}")


declare(
    id="cp_visits_seen_alone",
    title="Children on plans seen alone at their visits",
    definition="Of the child protection visits in the period where the child was seen, the "
    "percentage where the child was seen alone. A local practice measure.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Visits where the child was seen alone",
    denominator="Child protection visits where the child was seen",
    items=_seen_alone,
    family=FAMILY,
)
