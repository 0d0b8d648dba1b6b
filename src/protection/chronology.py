"""Strategy discussions, s47 enquiries, conferences, plans, core groups and management
decisions in the child's chronology (see casework.chronology for the interface)."""

from typing import Any

from casework.chronology import Event, Kind, Source
from codes import cin

from .models import Conference, CPPlan, S47Enquiry, StrategyDiscussion


def _conference_summary(c: Conference) -> str:
    category = f" (category: {cin.ABUSE_CATEGORY.label(c.category).lower()})" if c.category else ""
    return f"Conference decision: {c.get_decision_display().lower()}{category}."


def _s47_started(s: S47Enquiry) -> str:
    return f"Child protection enquiry started; initial conference due by {s.icpc_due:%-d %B %Y}."


def _strategy_decision(d: StrategyDiscussion) -> str:
    return f"Strategy discussion held; decision: {d.get_decision_display().lower()}."


def _plan_category(p: CPPlan) -> str:
    return f"Child protection plan under {cin.ABUSE_CATEGORY.label(p.category).lower()}."


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "protection.StrategyDiscussion",
        (Event(kind=Kind.STRATEGY, on="held_on", title="Strategy discussion", summary=_strategy_decision),),
    ),
    Source(
        "protection.S47Enquiry",
        Event.span(
            ("Section 47 enquiry started", _s47_started),
            (
                "Section 47 enquiry concluded",
                lambda s: f"Enquiry concluded: {s.get_outcome_display().lower()}.",
            ),
            end="outcome_date",
            suffix=":outcome",
            kind=Kind.S47,
        ),
    ),
    Source(
        "protection.Conference",
        (
            Event(
                on="held_on",
                title=lambda c: f"{c.get_kind_display()} conference",
                summary=_conference_summary,
            ),
        ),
        kind=Kind.CONFERENCE,
    ),
    Source(
        "protection.CPPlan",
        (
            Event(
                on="start_date",
                title="Child protection plan started",
                summary=_plan_category,
                link=lambda p: f"/protection/plans/{p.pk}/",
            ),
            Event.once(
                on="end_date",
                title="Child protection plan ended",
                summary=lambda p: f"Plan ended: {p.end_reason or p.get_step_down_display()}.",
                suffix=":ended",
            ),
        ),
        kind=Kind.PLAN,
    ),
    Source(
        "protection.CoreGroup",
        (
            Event(
                on="held_on",
                title="Core group meeting",
                summary="Core group met to review the plan's progress.",
            ),
        ),
        person="plan__person",
        select=("plan",),
        kind=Kind.PLAN,
    ),
    Source(
        "protection.ManagementDecision",
        (
            Event(
                on="decided_on",
                title="Management decision",
                summary=lambda m: str(m.decision)[:200],
            ),
        ),
        kind=Kind.SUPERVISION,
    ),
)
