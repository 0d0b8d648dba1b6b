"""Statutory due dates and local target dates for the rules in :mod:`timescales.rules`.

Counting conventions (the project's timescales reference, section 9):

* Working days: the clock-start date is day 0; the deadline is the N-th working day after it
  on the England calendar (:func:`timescales.calendar.add_working_days`).
* Calendar days / weeks: clock start + N days (weeks); a visit on that date complies.
* Weeks "beginning with" the day (Children Act 1989 s32, 26-week care proceedings): the start
  day is day 1, so the deadline is clock start + N weeks - 1 day. The result may fall at a
  weekend; in practice the case must finish by the preceding working day.
* Months: calendar months under the corresponding-date rule (Interpretation Act 1978;
  *Dodds v Walker* [1981]): the same day-number in the later month, or the last day of that
  month if it has no such day (31 Jan + 3 months = 30 Apr).
* Hours: elapsed hours from the time of the event (return home interviews, police
  protection). A timezone-aware datetime is advanced in real elapsed time, so 72 hours across
  a clock change ends at a wall-clock time one hour different; a naive datetime is advanced
  naively. The result keeps the timezone of the input.

For date-based rules a datetime clock start is accepted and its own ``.date()`` is used, with
no timezone conversion: pass local (Europe/London) datetimes.

Local targets: an authority may set an earlier practice standard for a rule (e.g. assessments
in 35 working days). It is given as ``targets`` (rule id -> ``LocalTarget`` or an
``(amount, unit)`` pair, or None to switch a rule's default off) or, when ``targets`` is None,
read from the Django setting ``HARBOUR_LOCAL_TARGETS``. A rule with no configured entry falls
back to its ``default_local_target`` (None for every shipped rule). A local target is **never
later than the statutory date**: a later one is clipped to the statutory date. Hour-based
targets only apply to hour-based rules and vice versa.
"""

from __future__ import annotations

import os
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from timescales.calendar import add_working_days, calendar_version
from timescales.rules import LocalTarget, Rule, Unit, get_rule

__all__ = [
    "Deadline",
    "add_months",
    "apply_interval",
    "compute_deadline",
    "due_date",
    "local_target_date",
]

LocalTargets = Mapping[str, object]
"""Rule id -> ``LocalTarget``, ``(amount, unit)`` pair, or None (no local target)."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """Everything to store with a clocked item so that its figures can be reproduced."""

    rule_id: str
    clock_start: date  # a datetime for hour-based rules
    statutory_due: date  # a datetime for hour-based rules
    local_target_due: date | None
    unit: Unit
    calendar_version: str


def add_months(day: date, months: int) -> date:
    """Calendar-month arithmetic under the corresponding-date rule.

    Same day-number ``months`` later, or the last day of that month if it is shorter:
    31 Jan 2025 + 3 -> 30 Apr 2025; 31 Aug 2024 + 6 -> 28 Feb 2025. Negative ``months``
    count backwards. A datetime keeps its time of day.
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month_index + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _as_date(value: date) -> date:
    """The calendar date of a date or datetime (no timezone conversion)."""
    return value.date() if isinstance(value, datetime) else value


def _add_hours(start: datetime, hours: int) -> datetime:
    """``start`` + ``hours`` of elapsed time (timezone-aware inputs go via UTC)."""
    if start.tzinfo is None or start.utcoffset() is None:
        return start + timedelta(hours=hours)
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


def apply_interval(clock_start: date, amount: int, unit: Unit) -> date:
    """Due date/time ``amount`` ``unit`` after ``clock_start`` under the conventions above.

    Returns a datetime for ``Unit.HOURS`` (which requires a datetime clock start; a plain
    date raises ``TypeError``) and a date for every other unit.
    """
    if unit is Unit.HOURS:
        if not isinstance(clock_start, datetime):
            raise TypeError("an hour-based timescale needs a datetime clock start, not a date")
        return _add_hours(clock_start, amount)
    start = _as_date(clock_start)
    if unit is Unit.WORKING_DAYS:
        return add_working_days(start, amount)
    if unit is Unit.CALENDAR_DAYS:
        return start + timedelta(days=amount)
    if unit is Unit.WEEKS:
        return start + timedelta(weeks=amount)
    if unit is Unit.WEEKS_BEGINNING_WITH:
        return start + timedelta(weeks=amount, days=-1)
    if unit is Unit.MONTHS:
        return add_months(start, amount)
    raise ValueError(f"unsupported unit {unit!r}")  # pragma: no cover - Unit is exhaustive


def due_date(rule_id: str, clock_start: date) -> date | datetime:
    """Statutory due date for ``rule_id`` (a datetime for hour-based rules)."""
    rule = get_rule(rule_id)
    return apply_interval(clock_start, rule.amount, rule.unit)


def _configured_targets() -> LocalTargets | None:
    """``settings.HARBOUR_LOCAL_TARGETS`` if Django settings are in use, else None."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a project dependency
        return None
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return None
    configured: LocalTargets | None = getattr(settings, "HARBOUR_LOCAL_TARGETS", None)
    return configured


def _local_target_for(rule: Rule, targets: LocalTargets | None) -> LocalTarget | None:
    """The local target that applies to ``rule``: configured entry, else the rule default."""
    source = _configured_targets() if targets is None else targets
    if source is None:
        return rule.default_local_target
    if not isinstance(source, Mapping):
        raise TypeError(f"local targets must be a mapping of rule id to target, got {source!r}")
    if rule.id not in source:
        return rule.default_local_target
    entry = source[rule.id]
    return None if entry is None else LocalTarget.parse(entry)


def _clip_local(rule: Rule, clock_start: date, target: LocalTarget, statutory: date) -> date:
    """Local target due date, never later than the statutory one."""
    if (target.unit is Unit.HOURS) != (rule.unit is Unit.HOURS):
        raise ValueError(f"local target in {target.unit} cannot apply to rule {rule.id!r} in {rule.unit}")
    local = apply_interval(clock_start, target.amount, target.unit)
    return min(local, statutory)


def local_target_date(
    rule_id: str, clock_start: date, *, targets: LocalTargets | None = None
) -> date | datetime | None:
    """The authority's local target date for ``rule_id``, or None if it has none.

    ``targets`` maps rule ids to ``LocalTarget``/``(amount, unit)``; when None the Django
    setting ``HARBOUR_LOCAL_TARGETS`` is used if present. Clipped to the statutory date.
    """
    rule = get_rule(rule_id)
    target = _local_target_for(rule, targets)
    if target is None:
        return None
    statutory = apply_interval(clock_start, rule.amount, rule.unit)
    return _clip_local(rule, clock_start, target, statutory)


def compute_deadline(rule_id: str, clock_start: date, *, targets: LocalTargets | None = None) -> Deadline:
    """Statutory and local due dates for one clocked item, with the calendar version used."""
    rule = get_rule(rule_id)
    statutory = apply_interval(clock_start, rule.amount, rule.unit)
    target = _local_target_for(rule, targets)
    local = None if target is None else _clip_local(rule, clock_start, target, statutory)
    return Deadline(
        rule_id=rule.id,
        clock_start=clock_start,
        statutory_due=statutory,
        local_target_due=local,
        unit=rule.unit,
        calendar_version=calendar_version(),
    )
