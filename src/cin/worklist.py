"""Children in need items for "My work": CIN review due (the authority's frequency, default 3
months), CIN visit due (default every 4 weeks, child seen), and the items every plan has
(`plans.work_items`): CIN plans awaiting a manager's sign-off, overdue plan actions."""

from collections.abc import Collection, Iterable
from datetime import date

from django.db.models import Max

from casework.models import VisitKind
from casework.queries import last_seen_visits
from core.links import url
from core.worklist import WorkItem, since_earliest
from plans import work_items
from plans.models import PlanStatus

from .clocks import next_review_due, next_visit_due
from .models import CINPlan, CINPlanAction


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    plans = list(
        CINPlan.objects.filter(person_id__in=person_ids)
        .current()
        .annotate(last_review=Max("reviews__held_on"))
    )
    active = {p.person_id for p in plans if p.status == PlanStatus.ACTIVE}
    last_visits = last_seen_visits(active, VisitKind.CIN)
    for p in plans:
        if p.status == PlanStatus.DRAFT:
            yield work_items.awaiting_sign_off(p, "cin_plan")
        else:
            yield WorkItem(
                p.person_id,
                "Child in need review due",
                "cin_review",
                next_review_due(p.start_date, p.last_review),
                None,
                url("cin:plan", p.pk),
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
    yield from work_items.overdue_actions(CINPlanAction, person_ids, today)


def open_work_person_ids(today: date) -> dict[int, date]:
    """Children on a child in need plan that has not ended, since it started."""
    return since_earliest(CINPlan.objects.current().values_list("person_id", "start_date"))
