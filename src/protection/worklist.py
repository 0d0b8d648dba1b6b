"""Child protection items for "My work": ICPC due (15 WD from the strategy discussion),
plans awaiting sign-off (a decision for the chair/manager), next core group, next review
conference, next CP visit, overdue plan actions, and plans of 2 years or more (due on the
second anniversary: a prompt to the worker, manager and chair) for active plans. The sign-off
and overdue action items are those every plan has (`plans.work_items`)."""

from collections.abc import Collection, Iterable
from datetime import date

import timescales
from accounts.permissions import Role
from core.links import url
from core.worklist import WorkItem, since_earliest
from plans import work_items

from .models import CPPlan, CPPlanAction, PlanStatus, S47Enquiry
from .queries import pending_initial_conferences, plan_views

CHAIR_WORK = frozenset({Role.CP_CHAIR.value})  # the conferences are the chair's work too


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for s in pending_initial_conferences(person_ids):
        yield WorkItem(
            s.person_id,
            "Initial child protection conference due",
            "icpc",
            s.icpc_due,
            None,
            url("protection:s47", s.pk),
            "icpc",
            roles=CHAIR_WORK,
        )
    plans = CPPlan.objects.filter(person_id__in=person_ids).current()
    for v in plan_views(None, today, queryset=plans):
        p = v.plan
        link = url("protection:plan", p.pk)
        if p.status == PlanStatus.DRAFT:
            yield work_items.awaiting_sign_off(p, "icpc")
            continue
        rule = "first_core_group" if v.last_core_group is None else "core_group"
        yield WorkItem(p.person_id, "Core group due", rule, v.core_group_due, None, link, "core_group")
        if any(f.code == "TWO_YEARS" for f in v.flags):
            yield WorkItem(
                p.person_id,
                "Plan has lasted 2 years or more: consider whether it is working",
                "cp_plan_two_years",
                timescales.add_months(p.start_date, 24),
                None,
                link,
                "signal",
            )
        rule = "first_cp_review" if v.last_review is None else "cp_review"
        yield WorkItem(
            p.person_id,
            "Child protection review conference due",
            rule,
            v.review_due,
            None,
            link,
            "cp_review",
            roles=CHAIR_WORK,
        )
        yield WorkItem(
            p.person_id, "Child protection visit due", "cp_visit", v.visit_due, None, link, "cp_visit"
        )
    yield from work_items.overdue_actions(CPPlanAction, person_ids, today)


def open_work_person_ids(today: date) -> dict[int, date]:
    """Children in a section 47 enquiry without an outcome or on a child protection plan that
    has not ended, since the earliest of them started."""
    enquiries = S47Enquiry.objects.filter(outcome="").values_list("person_id", "start_date")
    plans = CPPlan.objects.current().values_list("person_id", "start_date")
    return since_earliest([*enquiries, *plans])
