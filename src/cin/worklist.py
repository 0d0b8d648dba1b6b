"""Children in need items for "My work": CIN review due (the authority's frequency, default 3
months), CIN visit due (default every 4 weeks, child seen), overdue plan actions, and CIN plans
awaiting a manager's sign-off."""

from collections.abc import Collection, Iterable
from datetime import date

from django.db.models import Max

from casework.models import VisitKind
from casework.queries import last_seen_visits
from core.links import url
from core.worklist import SIGN_OFF, WorkItem
from protection.models import PlanStatus
from protection.smart import OPEN_ACTION_STATUSES

from .clocks import next_review_due, next_visit_due
from .models import CINPlan, CINPlanAction


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    plans = list(
        CINPlan.objects.filter(
            person_id__in=person_ids, status__in=[PlanStatus.DRAFT, PlanStatus.ACTIVE]
        ).annotate(last_review=Max("reviews__held_on"))
    )
    active = {p.person_id for p in plans if p.status == PlanStatus.ACTIVE}
    last_visits = last_seen_visits(active, VisitKind.CIN)
    for p in plans:
        link = url("cin:plan", p.pk)
        if p.status == PlanStatus.DRAFT:
            yield WorkItem(
                p.person_id,
                "Child in need plan awaiting sign-off",
                "cin_plan",
                p.start_date,
                None,
                link,
                SIGN_OFF,
            )
        else:
            yield WorkItem(
                p.person_id,
                "Child in need review due",
                "cin_review",
                next_review_due(p.start_date, p.last_review),
                None,
                link,
                "cin_review",
            )
            yield WorkItem(
                p.person_id,
                "Child in need visit due",
                "cin_visit",
                next_visit_due(p.start_date, last_visits.get(p.person_id)),
                None,
                url("casework:record_visit", p.person_id) + "?kind=CIN",
                "cin_visit",
            )
    actions = CINPlanAction.objects.filter(
        plan__person_id__in=person_ids,
        plan__status=PlanStatus.ACTIVE,
        by_when__lt=today,
        status__in=OPEN_ACTION_STATUSES,
    ).select_related("plan")
    for a in actions:
        yield WorkItem(
            a.plan.person_id,
            f"Plan action overdue: {a.what[:60]}",
            "plan_action",
            a.by_when or today,
            None,
            url("cin:plan", a.plan_id),
            "plan_action",
        )


def open_work_person_ids(today: date) -> set[int]:
    """Children on a child in need plan that has not ended."""
    return set(CINPlan.objects.exclude(status=PlanStatus.ENDED).values_list("person_id", flat=True))
