"""Tests for the England working-day calendar, with dates worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from importlib.metadata import version

import pytest

from timescales import (
    CalendarRangeError,
    add_working_days,
    bank_holidays,
    calendar_version,
    holiday_name,
    is_working_day,
    working_days_between,
)


def _easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm), independent of the library."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --- The holiday data itself ------------------------------------------------------------------


def test_easter_helper_sanity() -> None:
    assert _easter_sunday(2024) == date(2024, 3, 31)
    assert _easter_sunday(2025) == date(2025, 4, 20)


@pytest.mark.parametrize("year", range(1990, 2101))
def test_christmas_day_boxing_day_and_good_friday_always_in_the_data(year: int) -> None:
    days = dict(bank_holidays(year))
    assert days[date(year, 12, 25)] == "Christmas Day"
    assert days[date(year, 12, 26)] == "Boxing Day"
    assert days[date(year, 1, 1)] == "New Year's Day"
    good_friday = date.fromordinal(_easter_sunday(year).toordinal() - 2)
    assert days[good_friday] == "Good Friday"
    assert not is_working_day(good_friday)
    assert not is_working_day(date(year, 12, 25))


@pytest.mark.parametrize(
    ("day", "name_part"),
    [
        (date(2022, 6, 2), "Spring Bank Holiday"),  # moved from Mon 30 May 2022
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 9, 19), "State Funeral"),
        (date(2023, 5, 8), "Coronation"),
        (date(1999, 12, 31), "Millennium"),
        (date(2002, 6, 3), "Golden Jubilee"),
        (date(2011, 4, 29), "Wedding"),
        (date(2012, 6, 5), "Diamond Jubilee"),
    ],
)
def test_one_off_days_are_not_working_days(day: date, name_part: str) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)
    name = holiday_name(day)
    assert name is not None and name_part in name


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 12, 28),  # Boxing Day Sat 26 Dec 2020 -> Mon 28
        date(2021, 12, 27),  # Christmas Day Sat 25 Dec 2021 -> Mon 27
        date(2021, 12, 28),  # Boxing Day Sun 26 Dec 2021 -> Tue 28
        date(2022, 1, 3),  # New Year's Day Sat 1 Jan 2022 -> Mon 3
        date(2022, 12, 27),  # Christmas Day Sun 25 Dec 2022 -> Tue 27 (Boxing Day Mon 26)
        date(2023, 1, 2),  # New Year's Day Sun 1 Jan 2023 -> Mon 2
    ],
)
def test_substitute_days_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)
    name = holiday_name(day)
    assert name is not None and "observed" in name


def test_ordinary_days() -> None:
    assert is_working_day(date(2024, 12, 24))  # Christmas Eve: Welsh-only rules not copied
    assert is_working_day(date(2024, 12, 31))  # New Year's Eve
    assert is_working_day(date(2024, 3, 28))  # Maundy Thursday
    assert not is_working_day(date(2024, 3, 16))  # Saturday
    assert not is_working_day(date(2024, 3, 17))  # Sunday
    assert holiday_name(date(2024, 3, 28)) is None
    assert holiday_name(date(2024, 12, 25)) == "Christmas Day"


def test_datetime_is_treated_as_its_date() -> None:
    assert not is_working_day(datetime(2024, 12, 25, 9, 30))
    assert is_working_day(datetime(2024, 12, 24, 9, 30))
    assert holiday_name(datetime(2024, 12, 25, 9, 30)) == "Christmas Day"
    assert add_working_days(datetime(2024, 3, 14, 17, 0), 20) == date(2024, 4, 15)
    assert type(add_working_days(datetime(2024, 3, 14, 17, 0), 0)) is date


def test_calendar_version_names_the_data() -> None:
    assert calendar_version() == f"england-and-wales/holidays-{version('holidays')}"


# --- add_working_days: worked examples from section 9 of the timescales reference ----------


def test_became_looked_after_across_easter_2024() -> None:
    # Thu 14 Mar 2024 is day 0. Fri 15 Mar=1, 18-22 Mar=2..6, 25-28 Mar=7..10,
    # skip Good Friday 29 Mar, Sat 30, Sun 31, Easter Monday 1 Apr;
    # 2-5 Apr=11..14, 8-12 Apr=15..19, Mon 15 Apr=20.
    assert add_working_days(date(2024, 3, 14), 20) == date(2024, 4, 15)


@pytest.mark.parametrize("start", [date(2024, 12, 20), date(2024, 12, 21)])
def test_strategy_discussion_across_christmas_2024(start: date) -> None:
    # Fri 20 Dec (or Sat 21 Dec, whose first working day after is the same) is day 0.
    # Mon 23 Dec=1, Tue 24=2, skip Christmas Wed 25 and Boxing Day Thu 26, Fri 27=3,
    # Mon 30=4, Tue 31=5, skip New Year's Day Wed 1 Jan, Thu 2=6, Fri 3=7,
    # 6-10 Jan=8..12, Mon 13=13, Tue 14=14, Wed 15 Jan 2025=15.
    assert add_working_days(start, 15) == date(2025, 1, 15)


def test_referral_decision_over_easter_2025() -> None:
    # Thu 17 Apr 2025 is day 0; skip Good Friday 18, Sat 19, Sun 20, Easter Monday 21;
    # Tue 22 Apr=1.
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)


def test_assessment_45_days_from_easter_2025() -> None:
    # Thu 17 Apr 2025 is day 0. 22-25 Apr=1..4, 28 Apr-2 May=5..9, skip early May bank
    # holiday Mon 5 May, 6-9 May=10..13, 12-16 May=14..18, 19-23 May=19..23, skip spring
    # bank holiday Mon 26 May, 27-30 May=24..27, 2-6 Jun=28..32, 9-13 Jun=33..37,
    # 16-20 Jun=38..42, Mon 23=43, Tue 24=44, Wed 25 Jun 2025=45.
    assert add_working_days(date(2025, 4, 17), 45) == date(2025, 6, 25)


# --- add_working_days: substitute and one-off days ------------------------------------------


def test_christmas_2021_substitute_days() -> None:
    # Fri 24 Dec 2021 is day 0. Sat 25, Sun 26, then substitute Christmas Mon 27 and
    # substitute Boxing Day Tue 28 are skipped: Wed 29=1, Thu 30=2, Fri 31=3; Sat 1 Jan,
    # Sun 2, substitute New Year's Day Mon 3 Jan 2022 skipped: Tue 4=4, Wed 5=5.
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    assert add_working_days(date(2021, 12, 24), 3) == date(2021, 12, 31)
    assert add_working_days(date(2021, 12, 24), 4) == date(2022, 1, 4)
    assert add_working_days(date(2021, 12, 24), 5) == date(2022, 1, 5)


def test_christmas_2022_and_new_year_2023_substitute_days() -> None:
    # Fri 23 Dec 2022: Sat 24, Sun 25, Boxing Day Mon 26, substitute Christmas Tue 27
    # skipped -> Wed 28 Dec=1.
    assert add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)
    # Fri 30 Dec 2022: Sat 31, Sun 1 Jan, substitute New Year's Day Mon 2 Jan skipped
    # -> Tue 3 Jan 2023=1.
    assert add_working_days(date(2022, 12, 30), 1) == date(2023, 1, 3)


def test_platinum_jubilee_2022() -> None:
    # Wed 1 Jun 2022: spring bank holiday Thu 2 Jun and Platinum Jubilee Fri 3 Jun, then
    # Sat 4 and Sun 5 skipped -> Mon 6 Jun=1.
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    # The spring bank holiday was moved from the last Monday in May to Thu 2 Jun, so
    # Mon 30 May 2022 was a working day: Fri 27 May -> Mon 30 May=1.
    assert is_working_day(date(2022, 5, 30))
    assert add_working_days(date(2022, 5, 27), 1) == date(2022, 5, 30)
    # Tue 31 May 2022: Wed 1 Jun=1, skip Thu 2, Fri 3, Sat 4, Sun 5; Mon 6 Jun=2.
    assert add_working_days(date(2022, 5, 31), 2) == date(2022, 6, 6)


def test_state_funeral_2022() -> None:
    # Fri 16 Sep 2022: Sat 17, Sun 18, State Funeral Mon 19 skipped -> Tue 20 Sep=1.
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_coronation_2023() -> None:
    # Fri 28 Apr 2023 is day 0: skip early May bank holiday Mon 1 May; Tue 2=1, Wed 3=2,
    # Thu 4=3, Fri 5=4; skip Coronation Mon 8 May; Tue 9=5, Wed 10 May=6.
    assert add_working_days(date(2023, 4, 28), 6) == date(2023, 5, 10)
    # Fri 5 May 2023: Sat 6, Sun 7, Coronation Mon 8 skipped -> Tue 9 May=1.
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


# --- add_working_days: n = 0, negative n and range ------------------------------------------


def test_zero_days_returns_start_whatever_kind_of_day() -> None:
    assert add_working_days(date(2024, 3, 14), 0) == date(2024, 3, 14)  # Thursday
    assert add_working_days(date(2024, 3, 16), 0) == date(2024, 3, 16)  # Saturday
    assert add_working_days(date(2024, 12, 25), 0) == date(2024, 12, 25)  # Christmas Day


def test_first_working_day_after_a_non_working_start_is_day_one() -> None:
    # Sat 16 Mar 2024 -> Mon 18 Mar=1.  Christmas Day Wed 25 Dec 2024 -> Fri 27 Dec=1.
    assert add_working_days(date(2024, 3, 16), 1) == date(2024, 3, 18)
    assert add_working_days(date(2024, 12, 25), 1) == date(2024, 12, 27)


def test_negative_days_rejected() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        add_working_days(date(2024, 3, 14), -1)


def test_range_limits() -> None:
    assert issubclass(CalendarRangeError, ValueError)
    # Fri 29 Dec 1989 is outside; Mon 1 Jan 1990 is New Year's Day; Tue 2 Jan is day 1.
    assert add_working_days(date(1990, 1, 1), 1) == date(1990, 1, 2)
    with pytest.raises(CalendarRangeError):
        add_working_days(date(1989, 12, 29), 1)
    with pytest.raises(CalendarRangeError):
        is_working_day(date(2101, 1, 3))
    with pytest.raises(CalendarRangeError):
        bank_holidays(1989)
    # Thu 30 Dec 2100 -> Fri 31 Dec 2100=1 (Christmas/Boxing Day observed on 27-28 Dec),
    # but a second working day would be in 2101.
    assert add_working_days(date(2100, 12, 30), 1) == date(2100, 12, 31)
    with pytest.raises(CalendarRangeError):
        add_working_days(date(2100, 12, 30), 2)
    with pytest.raises(CalendarRangeError):
        add_working_days(date(2024, 1, 1), 10**9)
    with pytest.raises(CalendarRangeError):
        working_days_between(date(2024, 1, 1), date(2101, 1, 1))


# --- working_days_between ---------------------------------------------------------------------


def test_duration_worked_example() -> None:
    # Start 14 Mar 2024, end 15 Apr 2024: the 20 days counted in the Easter example above.
    assert working_days_between(date(2024, 3, 14), date(2024, 4, 15)) == 20


def test_duration_small_cases() -> None:
    assert working_days_between(date(2024, 3, 14), date(2024, 3, 14)) == 0  # same day
    assert working_days_between(date(2024, 3, 16), date(2024, 3, 17)) == 0  # Sat -> Sun
    assert working_days_between(date(2024, 12, 20), date(2024, 12, 23)) == 1  # Fri -> Mon
    # Tue 24 Dec 2024 -> Fri 27 Dec: 25 and 26 skipped, 27 counts.
    assert working_days_between(date(2024, 12, 24), date(2024, 12, 27)) == 1
    # Fri 24 Dec 2021 -> Wed 5 Jan 2022: 29, 30, 31 Dec and 4, 5 Jan.
    assert working_days_between(date(2021, 12, 24), date(2022, 1, 5)) == 5


def test_duration_is_antisymmetric() -> None:
    assert working_days_between(date(2024, 4, 15), date(2024, 3, 14)) == -20
    assert working_days_between(date(2024, 12, 27), date(2024, 12, 24)) == -1


def test_working_days_in_whole_years() -> None:
    # 2024 starts on a Monday and has 366 days = 52 weeks + Mon, Tue -> 262 weekdays.
    # Weekday holidays: 1 Jan, 29 Mar, 1 Apr, 6 May, 27 May, 26 Aug, 25 Dec, 26 Dec = 8.
    assert working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 254
    # 2022 starts on a Saturday: 365 days = 52 weeks + Sat -> 260 weekdays. Weekday holidays:
    # 3 Jan, 15 Apr, 18 Apr, 2 May, 2 Jun, 3 Jun, 29 Aug, 19 Sep, 26 Dec, 27 Dec = 10.
    assert working_days_between(date(2021, 12, 31), date(2022, 12, 31)) == 250
