from datetime import date

import pytest

from protection.rules import conference_day_on_or_before, is_conference_day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), True),
        (date(2026, 12, 5), False),
        (date(2026, 12, 6), False),
        (date(2026, 12, 7), True),
    ],
)
def test_conferences_are_held_on_weekdays(day, expected):
    assert is_conference_day(day) is expected


def test_a_weekend_date_moves_back_to_the_friday_and_a_weekday_stays():
    assert conference_day_on_or_before(date(2026, 12, 6)) == date(2026, 12, 4)
    assert conference_day_on_or_before(date(2026, 12, 5)) == date(2026, 12, 4)
    assert conference_day_on_or_before(date(2026, 12, 7)) == date(2026, 12, 7)
