"""Signals of drift on a child protection plan: pure functions over dates and history rows.

Each is flagged to the worker (worklist), the team manager (team page, overdue items) and the
chair (chair view), and shown on the plan. The core group and visit standards are the
authority's (`plans.standards`: ``core_group_weeks``, ``cp_visit_working_days``). Plans
lasting 2 years or more, and second or subsequent plans, are national indicators (CIN census /
Ofsted Annex A: "CP plans lasting 2 years or more", "subject to a plan for a second or
subsequent time").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import timescales
from plans.standards import standard


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


def lasted_two_years(start_date: date, today: date) -> bool:
    """True when the plan has run 2 years or more (start + 24 calendar months ≤ today)."""
    return timescales.add_months(start_date, 24) <= today


def is_subsequent_plan(start_date: date, earlier_plan_starts: Iterable[date]) -> bool:
    """True when the child had a plan that started before this one (second or subsequent)."""
    return any(s < start_date for s in earlier_plan_starts)


def next_core_group_due(first_due: date, last_core_group: date | None, weeks: int | None = None) -> date:
    """Due date of the next core group: the first is due on ``first_due`` (10 working days
    after the ICPC); after that, ``weeks`` (default the authority's standard) after the last."""
    if last_core_group is None:
        return first_due
    return last_core_group + timedelta(weeks=weeks if weeks is not None else standard("core_group_weeks"))


def next_cp_visit_due(plan_start: date, last_visit: date | None, working_days: int | None = None) -> date:
    """Due date of the next CP visit: ``working_days`` working days after the last visit in
    which the child was seen, or after the plan's start when there has been none."""
    wd = working_days if working_days is not None else standard("cp_visit_working_days")
    return timescales.add_working_days(max(plan_start, last_visit) if last_visit else plan_start, wd)


def plan_flags(
    *,
    start_date: date,
    today: date,
    earlier_plan_starts: Iterable[date],
    first_core_group_due: date,
    last_core_group: date | None,
    last_visit: date | None,
    overdue_actions: int,
) -> list[Flag]:
    """Every drift signal for one active plan, in a fixed order."""
    flags = []
    if lasted_two_years(start_date, today):
        flags.append(Flag("TWO_YEARS", "Plan has lasted 2 years or more"))
    if is_subsequent_plan(start_date, earlier_plan_starts):
        flags.append(Flag("SUBSEQUENT", "Second or subsequent plan"))
    if overdue_actions:
        flags.append(
            Flag("ACTIONS_OVERDUE", f"{overdue_actions} action{'s' if overdue_actions != 1 else ''} overdue")
        )
    if next_core_group_due(first_core_group_due, last_core_group) < today:
        flags.append(Flag("CORE_GROUP_OVERDUE", "Core group overdue"))
    if next_cp_visit_due(start_date, last_visit) < today:
        flags.append(Flag("VISIT_OVERDUE", "Child protection visit overdue"))
    return flags
