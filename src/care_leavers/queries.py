"""Read-side helpers for care leavers: due dates computed from history (never stored)."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import timescales
from casework.models import Visit, VisitKind
from core.extensions import first_of
from looked_after.models import PeriodOfCare
from people.models import Person
from workforce.models import Allocation, AllocationRole

from . import eligibility
from .models import BirthdayStatus, CareLeaver, PathwayPlan


@dataclass
class LeaverSummary:
    record: CareLeaver
    computed_category: str
    plan: PathwayPlan | None
    plan_review_due: date | None
    last_pa_contact: date | None
    pa_contact_due: date | None
    oc3_age_due: int | None
    oc3_due: date | None
    personal_adviser: str
    needs_assessment_due: date | None
    # The day the latest period of care ended, while none is open ("care leaver since").
    left_care_on: date | None = None


def periods_by_person(person_ids: Collection[int]) -> dict[int, list[eligibility.Period]]:
    found: dict[int, list[eligibility.Period]] = defaultdict(list)
    for pid, start, end in PeriodOfCare.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "start_date", "end_date"
    ):
        found[pid].append((start, end))
    return found


def summaries(records: list[CareLeaver], today: date) -> list[LeaverSummary]:
    """Due dates for many care leavers in a handful of queries."""
    ids = [r.person_id for r in records]
    periods = periods_by_person(ids)
    plans: dict[int, PathwayPlan] = {}
    for plan in (
        PathwayPlan.objects.filter(person_id__in=ids)
        .prefetch_related("reviews")
        .order_by("person_id", "-plan_date", "-id")
    ):
        plans.setdefault(plan.person_id, plan)
    contacts: dict[int, date] = {}
    for pid, visited_on in (
        Visit.objects.filter(person_id__in=ids, kind=VisitKind.CARE_LEAVER)
        .order_by("person_id", "-visited_on")
        .values_list("person_id", "visited_on")
    ):
        contacts.setdefault(pid, visited_on)
    statuses = set(BirthdayStatus.objects.filter(person_id__in=ids).values_list("person_id", "age"))
    advisers = {
        a.person_id: a.worker.display_name
        for a in Allocation.objects.current(today)
        .filter(person_id__in=ids, role=AllocationRole.PERSONAL_ADVISER)
        .select_related("worker")
    }
    out = []
    for record in records:
        person = record.person
        dob = person.date_of_birth
        latest_plan = plans.get(person.pk)
        plan_due = None
        if latest_plan is not None:
            reviews = sorted(latest_plan.reviews.all(), key=lambda r: r.reviewed_on)
            start = reviews[-1].reviewed_on if reviews else latest_plan.plan_date
            plan_due = timescales.due_date("pathway_plan_review", start)
        last = contacts.get(person.pk)
        pa_due = None
        if record.la_provides_accommodation:
            pa_due = timescales.due_date("pa_visit", last) if last else today
        age_due = oc3_due = None
        needs_due = None
        computed = eligibility.NONE
        if dob:
            computed = eligibility.compute_eligibility(dob, periods.get(person.pk, []), today)
            age_due = eligibility.oc3_age_due(dob, today)
            if age_due is not None and (person.pk, age_due) in statuses:
                age_due = None
            if age_due is not None:
                oc3_due = eligibility.oc3_window(dob, age_due)[1]
            if record.needs_assessment_completed_on is None and eligibility.age_on(dob, today) < 18:
                needs_due = timescales.due_date("care_leaver_needs_assessment", eligibility.birthday(dob, 16))
        out.append(
            LeaverSummary(
                record=record,
                computed_category=computed,
                plan=latest_plan,
                plan_review_due=plan_due,  # type: ignore[arg-type]
                last_pa_contact=last,
                pa_contact_due=pa_due,  # type: ignore[arg-type]
                oc3_age_due=age_due,
                oc3_due=oc3_due,
                personal_adviser=advisers.get(person.pk, ""),
                needs_assessment_due=needs_due,  # type: ignore[arg-type]
                left_care_on=left_care(periods.get(person.pk, [])),
            )
        )
    return out


def summary_of(person: Person, today: date) -> LeaverSummary | None:
    """The young person's care leaver record with `summaries`, or None without one; read once
    a request: the child's page and the summary at its top both show it (kept on the person
    object the door let in; no query when the person holds no record, `core.extensions.holds`)."""
    memo: dict[date, LeaverSummary | None] = person.__dict__.setdefault("_leaver_summary", {})
    if today not in memo:
        record = first_of(person, CareLeaver.objects.filter(person=person))
        if record is not None:
            record.person = person  # already loaded: `summaries` reads it (one query fewer)
        memo[today] = summaries([record], today)[0] if record is not None else None
    return memo[today]


def left_care(periods: list[eligibility.Period]) -> date | None:
    """The day the latest period of care ended; None while one is open, or never in care."""
    if not periods or any(end is None for _, end in periods):
        return None
    return max(end for _, end in periods if end is not None)


def next_review_due(plan: PathwayPlan) -> timescales.Deadline:
    """6 months after the plan date or its latest review (CPPCR reg 43; CLR reg 7)."""
    latest = plan.reviews.order_by("-reviewed_on").first()
    return timescales.compute_deadline(
        "pathway_plan_review", latest.reviewed_on if latest else plan.plan_date
    )
