"""Statutory timescales for children's social care in England.

Working-day arithmetic on the England and Wales bank-holiday calendar, the statutory rules as
data, and due-date calculation (statutory and local target). Conventions: "within N working
days of X" counts X as day 0; durations count working days after the start up to and
including the end; months use the corresponding-date rule; "26 weeks beginning with the day"
counts the start day as day 1; hours are elapsed hours. See the module docstrings of
``timescales.calendar``, ``timescales.rules`` and ``timescales.deadlines`` for details.
"""

from timescales.calendar import (
    CalendarRangeError,
    add_working_days,
    bank_holidays,
    calendar_version,
    holiday_name,
    is_working_day,
    working_days_between,
)
from timescales.deadlines import (
    Deadline,
    add_months,
    apply_interval,
    compute_deadline,
    due_date,
    local_target_date,
)
from timescales.rules import RULES, Confidence, LocalTarget, Rule, Unit, UnknownRule, get_rule

__all__ = [
    "RULES",
    "CalendarRangeError",
    "Confidence",
    "Deadline",
    "LocalTarget",
    "Rule",
    "Unit",
    "UnknownRule",
    "add_months",
    "add_working_days",
    "apply_interval",
    "bank_holidays",
    "calendar_version",
    "compute_deadline",
    "due_date",
    "get_rule",
    "holiday_name",
    "is_working_day",
    "local_target_date",
    "working_days_between",
]
