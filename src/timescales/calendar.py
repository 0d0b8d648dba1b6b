"""The England working-day calendar used for every statutory working-day deadline.

What a working day is
---------------------
No single statutory definition covers every children's social care instrument, but the
definitions that exist all have the same shape, and that is the one used here: a working day
is any day **other than** a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday in
England and Wales under the Banking and Financial Dealings Act 1971. See, for example, the
Children Act 1989 Representations Procedure (England) Regulations 2006, reg 2, and the Visits to
Children in Long-Term Residential Care Regulations 2011, reg 2; the Care Planning, Placement and
Case Review (England) Regulations 2010 are understood to use the same formula.

Bank holidays include substitute ("observed") days when a holiday falls at a weekend and one-off
days made by proclamation (for example 3 June 2022, 19 September 2022 and 8 May 2023).
Christmas Day and Good Friday are common-law holidays; they are in the holiday data as well.

* Welsh-only exclusions (such as Christmas Eve) are **not** applied.
* The responsible authority's England calendar is always used, even for a child placed in
  Scotland or Northern Ireland.
* Local closure days of an authority are never applied here: they may only ever affect local
  targets, never statutory deadlines.

Counting conventions
--------------------
* ``add_working_days(x, n)`` implements "within n working days of x": x is **day 0** and never
  counts, even when it is a working day; the deadline is the n-th working day after x. When x
  is not a working day, the first working day after it is day 1. ``n == 0`` returns x itself
  (whatever kind of day it is); negative n is rejected with ``ValueError``.
* ``working_days_between(a, b)`` is the DfE / CIN census "duration": the number of working days
  **after** a up to and including b. Completion on the start day is 0. It is antisymmetric:
  ``working_days_between(b, a) == -working_days_between(a, b)``, so a negative value means the
  end is before the start (callers decide whether that is a data error).

Data and efficiency
-------------------
Holidays come from the ``holidays`` package (``country_holidays("GB", subdiv="ENG")``), which
follows the GOV.UK "england-and-wales" list. :func:`calendar_version` names the package version,
so a stored deadline can record which holiday data produced it. Supported dates run from
1 January 1990 to 31 December 2100; anything outside raises :class:`CalendarRangeError`.

The holiday table is built once, lazily, as a sorted tuple of the proleptic ordinals of holidays
that fall on a Monday to Friday. Weekdays are counted arithmetically and holidays in a range are
counted with ``bisect``, so every function here runs in O(log H) time, never day by day.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime
from functools import cache, lru_cache
from typing import NamedTuple

import holidays
from holidays.version import __version__ as _HOLIDAYS_VERSION  # noqa: N812

__all__ = [
    "FIRST_SUPPORTED_DATE",
    "LAST_SUPPORTED_DATE",
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarRangeError",
    "add_working_days",
    "bank_holidays",
    "calendar_version",
    "holiday_name",
    "is_working_day",
    "working_days_between",
]

MIN_YEAR = 1990
MAX_YEAR = 2100
FIRST_SUPPORTED_DATE = date(MIN_YEAR, 1, 1)
LAST_SUPPORTED_DATE = date(MAX_YEAR, 12, 31)
_FIRST_ORDINAL = FIRST_SUPPORTED_DATE.toordinal()
_LAST_ORDINAL = LAST_SUPPORTED_DATE.toordinal()


class CalendarRangeError(ValueError):
    """A date (given or computed) lies outside the years the calendar supports."""


class _HolidayTable(NamedTuple):
    """Weekday holidays across the supported range, as proleptic ordinals."""

    ordinals: tuple[int, ...]  # sorted ascending
    ordinal_set: frozenset[int]


def calendar_version() -> str:
    """Identify the holiday data in use, for storing alongside every computed deadline."""
    return f"england-and-wales/holidays-{_HOLIDAYS_VERSION}"


@cache
def bank_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """All England and Wales holidays in ``year`` as sorted ``(date, name)`` pairs.

    Includes holidays that fall at a weekend (e.g. Christmas Day on a Saturday) as well as
    the substitute days that replace them.
    """
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(f"year {year} is outside the supported {MIN_YEAR}-{MAX_YEAR}")
    data = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return tuple(sorted(data.items()))


@lru_cache(maxsize=1)
def _table() -> _HolidayTable:
    """Build (once) the sorted table of weekday holidays for every supported year."""
    ordinals = sorted(
        day.toordinal()
        for year in range(MIN_YEAR, MAX_YEAR + 1)
        for day, _name in bank_holidays(year)
        if day.weekday() < 5
    )
    return _HolidayTable(tuple(ordinals), frozenset(ordinals))


def _ordinal(day: date) -> int:
    """Proleptic ordinal of ``day`` (a datetime counts as its date), range-checked."""
    ordinal = day.toordinal()
    if not _FIRST_ORDINAL <= ordinal <= _LAST_ORDINAL:
        raise CalendarRangeError(
            f"{day.isoformat()} is outside the supported range "
            f"{FIRST_SUPPORTED_DATE.isoformat()} to {LAST_SUPPORTED_DATE.isoformat()}"
        )
    return ordinal


def _weekdays_through(ordinal: int) -> int:
    """Count Mondays to Fridays among ordinals 1..ordinal (ordinal 1 is Monday 1 Jan AD 1)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _nth_weekday(k: int) -> int:
    """Ordinal of the k-th Monday-to-Friday day (k >= 1); inverse of :func:`_weekdays_through`."""
    weeks, rest = divmod(k - 1, 5)
    return weeks * 7 + rest + 1


def _working_days_through(ordinal: int) -> int:
    """Count working days among ordinals 1..ordinal (only meaningful inside the range)."""
    return _weekdays_through(ordinal) - bisect_right(_table().ordinals, ordinal)


def is_working_day(day: date) -> bool:
    """True if ``day`` is a Monday to Friday that is not an England and Wales bank holiday."""
    ordinal = _ordinal(day)
    return day.weekday() < 5 and ordinal not in _table().ordinal_set


def holiday_name(day: date) -> str | None:
    """Name of the bank holiday on ``day`` (e.g. "Easter Monday"), or None."""
    _ordinal(day)
    target = day.date() if isinstance(day, datetime) else day
    for holiday, name in bank_holidays(target.year):
        if holiday == target:
            return name
    return None


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (DfE duration convention).

    Same day gives 0; ``end`` before ``start`` gives the negated count of the reverse range.
    """
    return _working_days_through(_ordinal(end)) - _working_days_through(_ordinal(start))


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` ("within n working days of start").

    ``start`` is day 0 and never counts. ``n == 0`` returns ``start``'s date unchanged (even
    if it is not a working day). Raises ``ValueError`` for negative ``n`` and
    :class:`CalendarRangeError` if ``start`` or the result is outside the supported range.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    start_ordinal = _ordinal(start)
    if n == 0:
        return date.fromordinal(start_ordinal)
    return date.fromordinal(_nth_working_day_after(start_ordinal, n))


def _nth_working_day_after(start_ordinal: int, n: int) -> int:
    """Ordinal of the n-th (n >= 1) working day after ``start_ordinal``.

    Fixed-point search: guess the k-th weekday, then add the holidays up to the guess. ``k``
    never decreases and never passes the answer, so this stops after a few rounds (one per
    batch of newly found holidays).
    """
    holidays_ = _table().ordinals
    target = _working_days_through(start_ordinal) + n
    k = _weekdays_through(start_ordinal) + n
    while True:
        candidate = _nth_weekday(k)
        if candidate > _LAST_ORDINAL:
            raise CalendarRangeError(
                f"{n} working days after {date.fromordinal(start_ordinal).isoformat()} "
                f"is beyond {LAST_SUPPORTED_DATE.isoformat()}"
            )
        needed = target + bisect_right(holidays_, candidate)
        if needed == k:
            return candidate
        k = needed
