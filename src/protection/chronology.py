"""Strategy discussions, s47 enquiries, conferences, plans, core groups and management
decisions in the child's chronology (see casework.chronology for the interface)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source
from codes import cin

from .models import Conference, CoreGroup, CPPlan, ManagementDecision, S47Enquiry, StrategyDiscussion


def _strategy_discussion(d: StrategyDiscussion) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=d.person_id,
        occurred_on=d.held_on,
        kind=Kind.STRATEGY,
        title="Strategy discussion",
        summary=f"Strategy discussion held; decision: {d.get_decision_display().lower()}.",
        source="protection.StrategyDiscussion",
        source_key=f"protection.StrategyDiscussion:{d.pk}",
    )


def _s47_started(s: S47Enquiry) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=s.person_id,
        occurred_on=s.start_date,
        kind=Kind.S47,
        title="Section 47 enquiry started",
        summary=f"Child protection enquiry started; initial conference due by {s.icpc_due:%-d %B %Y}.",
        source="protection.S47Enquiry",
        source_key=f"protection.S47Enquiry:{s.pk}",
    )


def _s47_concluded(s: S47Enquiry) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=s.person_id,
        occurred_on=s.outcome_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.S47,
        title="Section 47 enquiry concluded",
        summary=f"Enquiry concluded: {s.get_outcome_display().lower()}.",
        source="protection.S47Enquiry",
        source_key=f"protection.S47Enquiry:{s.pk}:outcome",
    )


def _conference(c: Conference) -> ChronologyEvent:
    category = f" (category: {cin.ABUSE_CATEGORY.label(c.category).lower()})" if c.category else ""
    return ChronologyEvent(
        person_id=c.person_id,
        occurred_on=c.held_on,
        kind=Kind.CONFERENCE,
        title=f"{c.get_kind_display()} conference",
        summary=f"Conference decision: {c.get_decision_display().lower()}{category}.",
        source="protection.Conference",
        source_key=f"protection.Conference:{c.pk}",
    )


def _plan_started(p: CPPlan) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.start_date,
        kind=Kind.PLAN,
        title="Child protection plan started",
        summary=f"Child protection plan under {cin.ABUSE_CATEGORY.label(p.category).lower()}.",
        source="protection.CPPlan",
        source_key=f"protection.CPPlan:{p.pk}",
        link=f"/protection/plans/{p.pk}/",
    )


def _plan_ended(p: CPPlan) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.end_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.PLAN,
        title="Child protection plan ended",
        summary=f"Plan ended: {p.end_reason or p.get_step_down_display()}.",
        source="protection.CPPlan",
        source_key=f"protection.CPPlan:{p.pk}:ended",
    )


def _core_group(g: CoreGroup) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=g.plan.person_id,
        occurred_on=g.held_on,
        kind=Kind.PLAN,
        title="Core group meeting",
        summary="Core group met to review the plan's progress.",
        source="protection.CoreGroup",
        source_key=f"protection.CoreGroup:{g.pk}",
    )


def _management_decision(m: ManagementDecision) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=m.person_id,
        occurred_on=m.decided_on,
        kind=Kind.SUPERVISION,
        title="Management decision",
        summary=str(m.decision)[:200],
        source="protection.ManagementDecision",
        source_key=f"protection.ManagementDecision:{m.pk}",
    )


SOURCES = (
    Source("protection.StrategyDiscussion", (Event(_strategy_discussion),)),
    Source(
        "protection.S47Enquiry",
        (Event(_s47_started), Event(_s47_concluded, when=Q(outcome_date__isnull=False))),
    ),
    Source("protection.Conference", (Event(_conference),)),
    Source("protection.CPPlan", (Event(_plan_started), Event(_plan_ended, when=Q(end_date__isnull=False)))),
    Source("protection.CoreGroup", (Event(_core_group),), person="plan__person", select=("plan",)),
    Source("protection.ManagementDecision", (Event(_management_decision),)),
)
