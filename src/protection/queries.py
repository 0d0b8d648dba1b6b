"""Set-based reads for plans: latest core group, latest CP visit, earlier plans, flags; and the
initial conferences waiting for a chair."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

import timescales
from casework.models import VisitKind
from casework.queries import last_seen_visits

from . import flags as f
from .models import (
    Conference,
    ConferenceKind,
    CoreGroup,
    CPPlan,
    CPPlanAction,
    PlanStatus,
    S47Enquiry,
    S47Outcome,
)


@dataclass
class PlanView:
    plan: CPPlan
    last_core_group: date | None
    last_review: date | None
    last_visit: date | None
    overdue_actions: int
    flags: list[f.Flag]

    @property
    def core_group_due(self) -> date:
        return f.next_core_group_due(self.plan.first_core_group_due, self.last_core_group)

    @property
    def visit_due(self) -> date:
        return f.next_cp_visit_due(self.plan.start_date, self.last_visit)

    @property
    def review_due(self) -> date:
        # plan_views annotates the latest review conference: no query per plan.
        if hasattr(self.plan, "last_review"):
            return review_due_after(self.plan, self.plan.last_review)
        return review_due(self.plan)


def plan_views(plans: Collection[CPPlan] | None, today: date, *, queryset=None) -> list[PlanView]:  # type: ignore[no-untyped-def]
    qs = queryset if queryset is not None else CPPlan.objects.filter(pk__in=[p.pk for p in plans or []])
    # One subquery each, not joins: joining core groups, conferences and actions at once would
    # make a row for every combination of them before grouping (hundreds a plan).
    latest = {"plan": OuterRef("pk")}
    overdue = (
        CPPlanAction.objects.filter(**latest)
        .overdue(today)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = qs.select_related("person", "chair").annotate(
        last_core_group=Subquery(
            CoreGroup.objects.filter(**latest).order_by("-held_on").values("held_on")[:1]
        ),
        last_review=Subquery(
            Conference.objects.filter(**latest, kind=ConferenceKind.REVIEW)
            .order_by("-held_on")
            .values("held_on")[:1]
        ),
        overdue=Coalesce(Subquery(overdue), 0),
    )
    rows = list(qs)
    person_ids = {p.person_id for p in rows}
    visits = last_seen_visits(person_ids, VisitKind.CP)
    starts: dict[int, list[date]] = defaultdict(list)
    for pid, start in CPPlan.objects.filter(person_id__in=person_ids).values_list("person_id", "start_date"):
        starts[pid].append(start)
    out = []
    for p in rows:
        last_visit = visits.get(p.person_id)
        fl = (
            f.plan_flags(
                start_date=p.start_date,
                today=today,
                earlier_plan_starts=starts[p.person_id],
                first_core_group_due=p.first_core_group_due,
                last_core_group=p.last_core_group,
                last_visit=last_visit,
                overdue_actions=p.overdue,
            )
            if p.status == PlanStatus.ACTIVE
            else []
        )
        out.append(PlanView(p, p.last_core_group, p.last_review, last_visit, p.overdue, fl))
    return out


def review_due(plan: CPPlan) -> date:
    """Next review conference due: 3 months after the plan's conference for the first review
    (`first_cp_review`), then 6 months after the latest review (`cp_review`)."""
    latest = plan.conferences.filter(kind=ConferenceKind.REVIEW).order_by("-held_on").first()
    return review_due_after(plan, latest.held_on if latest else None)


def review_due_after(plan: CPPlan, last_review: date | None) -> date:
    """`review_due` given the date of the plan's latest review conference (None: none yet)."""
    if last_review is None:
        return plan.first_review_due
    return timescales.due_date("cp_review", last_review)  # type: ignore[return-value]


def pending_initial_conferences(person_ids: Collection[int] | None = None) -> list[S47Enquiry]:
    """Section 47 enquiries waiting for an initial conference (of these children, if given):
    those that asked for one, and those still open (its clock runs from the strategy
    discussion), with no initial conference held yet; the soonest due first."""
    qs = S47Enquiry.objects.filter(outcome__in=["", S47Outcome.ICPC]).exclude(
        conferences__kind=ConferenceKind.INITIAL
    )
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return list(qs.select_related("person").order_by("icpc_due", "pk"))
