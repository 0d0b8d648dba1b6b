"""The Annex A look-back periods: one pure function of the inspection date."""

from datetime import date

import pytest

from returns.annex_a.periods import Window, annex_a_periods, months_before


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 30), 6, date(2025, 12, 30)),
        (date(2026, 6, 30), 12, date(2025, 6, 30)),
        (date(2026, 8, 31), 6, date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 15), 1, date(2025, 12, 15)),  # across a year end
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
    ],
)
def test_months_before_is_calendar_months_clamped_to_short_months(day, months, expected):
    assert months_before(day, months) == expected


def test_the_windows_for_an_inspection_date():
    periods = annex_a_periods(date(2026, 6, 30))
    assert periods.six_months == Window(date(2025, 12, 30), date(2026, 6, 30))
    assert periods.twelve_months == Window(date(2025, 6, 30), date(2026, 6, 30))


def test_windows_include_both_ends_and_nothing_outside():
    six = annex_a_periods(date(2026, 6, 30)).six_months
    assert six.contains(date(2025, 12, 30))  # first day: in
    assert not six.contains(date(2025, 12, 29))  # the day before: out
    assert six.contains(date(2026, 6, 30))  # the inspection date: in
    assert not six.contains(date(2026, 7, 1))
    assert not six.contains(None)


def test_a_spell_overlaps_the_window_if_it_touches_any_day_of_it():
    six = annex_a_periods(date(2026, 6, 30)).six_months
    assert six.overlaps(date(2020, 1, 1), None)  # still open
    assert six.overlaps(date(2020, 1, 1), date(2025, 12, 30))  # ended on the first day
    assert not six.overlaps(date(2020, 1, 1), date(2025, 12, 29))
    assert six.overlaps(date(2026, 6, 30), None)  # started on the inspection date
    assert not six.overlaps(date(2026, 7, 1), None)
    assert not six.overlaps(None, None)


def test_the_12_months_before_a_record_exclude_its_own_day():
    periods = annex_a_periods(date(2026, 6, 30))
    assert periods.before(date(2026, 1, 10)) == Window(date(2025, 1, 10), date(2026, 1, 9))
