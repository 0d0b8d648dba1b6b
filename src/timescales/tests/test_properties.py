"""Property-based tests: the arithmetic calendar against a naive day-by-day reference."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import cache

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from timescales import add_months, add_working_days, is_working_day, working_days_between

starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31))
counts = st.integers(min_value=0, max_value=500)
no_deadline = settings(deadline=None)


@cache
def _reference_holidays(year: int) -> frozenset[date]:
    """Holidays straight from the library, independent of the module's table."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def _reference_is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _reference_holidays(day.year)


def _reference_add(start: date, n: int) -> date:
    """Step one day at a time: start is day 0, count n working days after it."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += _reference_is_working_day(day)
    return day


def _reference_between(start: date, end: date) -> int:
    step = 1 if end >= start else -1
    low, high = (start, end) if step == 1 else (end, start)
    total = sum(_reference_is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    return step * total


@no_deadline
@given(starts, st.integers(min_value=0, max_value=120))
def test_add_matches_day_by_day_reference(start: date, n: int) -> None:
    assert add_working_days(start, n) == _reference_add(start, n)


@no_deadline
@given(starts, st.integers(min_value=-400, max_value=400))
def test_between_matches_day_by_day_reference(start: date, offset: int) -> None:
    end = min(max(start + timedelta(days=offset), date(1990, 1, 1)), date(2100, 12, 31))
    assert working_days_between(start, end) == _reference_between(start, end)


@no_deadline
@given(starts)
def test_is_working_day_matches_reference(day: date) -> None:
    assert is_working_day(day) == _reference_is_working_day(day)


@no_deadline
@given(starts, st.integers(min_value=1, max_value=500))
def test_result_is_a_working_day_after_start(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert is_working_day(result)
    assert result > start


@no_deadline
@given(starts, counts)
def test_between_inverts_add(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert working_days_between(start, result) == n
    if n >= 1:  # and it is the earliest such date
        assert working_days_between(start, result - timedelta(days=1)) == n - 1


@no_deadline
@given(starts.filter(is_working_day), counts)
def test_between_inverts_add_for_working_day_starts(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@no_deadline
@given(starts, counts, counts)
def test_monotone_in_n(start: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@no_deadline
@given(starts, starts, counts)
def test_monotone_in_start(a: date, b: date, n: int) -> None:
    early, late = sorted((a, b))
    assert add_working_days(early, n) <= add_working_days(late, n)


@no_deadline
@given(starts, starts, starts)
def test_between_is_additive_and_antisymmetric(a: date, b: date, c: date) -> None:
    assert working_days_between(a, b) == -working_days_between(b, a)
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)


@given(starts, st.integers(min_value=-240, max_value=240))
def test_add_months_corresponding_date(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == min(start.day, monthrange(result.year, result.month)[1])
