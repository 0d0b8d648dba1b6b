from datetime import date

import pytest

import timescales
from permanence import clocks, scorecard
from permanence.partial_dates import parse_partial_date


def test_26_weeks_beginning_with_the_issue_day_ends_the_day_before_the_26th_weekday_anniversary():
    # Issued Mon 6 Jan 2025 (day 1) -> day 182 is Sun 6 Jul 2025 (TIMESCALES.md §9)
    assert clocks.proceedings_limit(date(2025, 1, 6)) == date(2025, 7, 6)
    assert clocks.proceedings_day(date(2025, 1, 6), date(2025, 7, 6)) == 182


def test_extensions_add_to_the_26_week_limit():
    assert clocks.proceedings_limit(date(2025, 1, 6), [8]) == date(2025, 8, 31)
    assert clocks.proceedings_limit(date(2025, 1, 6), [8, 4]) == date(2025, 9, 28)


def test_proceedings_week_counts_issue_day_as_week_1():
    issued = date(2024, 2, 29)
    assert clocks.proceedings_week(issued, issued) == 1
    assert clocks.proceedings_week(issued, date(2024, 3, 6)) == 1  # day 7
    assert clocks.proceedings_week(issued, date(2024, 3, 7)) == 2  # day 8
    assert clocks.proceedings_limit(issued) == date(2024, 8, 28)  # leap-day issue
    assert clocks.proceedings_week(issued, date(2024, 8, 28)) == 26


def test_plo_is_16_calendar_weeks_from_the_letter():
    assert clocks.plo_due(date(2025, 1, 31)) == date(2025, 5, 23)


def test_adoption_reviews_3_months_not_placed_and_4_weeks_placed():
    assert timescales.due_date("adoption_review_first_not_placed", date(2024, 11, 30)) == date(2025, 2, 28)
    assert timescales.due_date("adoption_review_first_placed", date(2025, 1, 31)) == date(2025, 2, 28)


def test_a1_days_from_entering_care_to_moving_in():
    assert scorecard.a1_days(date(2023, 1, 1), date(2024, 3, 1)) == 425  # 365 + 31 + 29
    with pytest.raises(ValueError):
        scorecard.a1_days(date(2024, 1, 1), date(2023, 1, 1))


def test_a2_days_counts_zero_when_matched_before_authority():
    assert scorecard.a2_days(date(2024, 5, 1), date(2024, 8, 30)) == 121
    assert scorecard.a2_days(date(2024, 5, 1), date(2024, 4, 1)) == 0


def test_a10_stops_the_clock_when_the_child_moved_in_with_the_foster_carer_who_adopted():
    entered, moved_in, with_carer = date(2023, 1, 1), date(2024, 6, 1), date(2023, 2, 1)
    assert scorecard.a1_days(entered, moved_in) == 517
    assert scorecard.a10_days(entered, moved_in, with_carer) == 31
    assert scorecard.a10_days(entered, moved_in) == 517
    assert scorecard.a10_days(entered, moved_in, date(2022, 6, 1)) == 0  # placed with carer before care


@pytest.mark.parametrize(
    ("text", "parts"),
    [("27/03/2015", (27, 3, 2015)), ("zz/03/2015", (None, 3, 2015)), ("ZZ/zz/2015", (None, None, 2015))],
)
def test_partial_dates_accept_903_forms(text, parts):
    assert parse_partial_date(text) == parts


@pytest.mark.parametrize("text", ["31/02/2015", "12/zz/2015", "2015-03-27", "zz/13/2015"])
def test_partial_dates_refuse_impossible_or_malformed(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)
