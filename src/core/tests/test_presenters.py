"""Times shown the GOV.UK way, in UK time, and events known only by their date shown so."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone

from core.presenters import event_when, govuk_datetime, govuk_time
from core.workflow import midday


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2025, 7, 1, 21, 30, tzinfo=UTC), "1 July 2025 at 10:30pm"),  # BST: UTC+1
        (datetime(2025, 1, 15, 22, 30, tzinfo=UTC), "15 January 2025 at 10:30pm"),  # GMT
        (datetime(2025, 1, 15, 9, 0, tzinfo=UTC), "15 January 2025 at 9am"),
        (datetime(2025, 1, 15, 12, 0, tzinfo=UTC), "15 January 2025 at midday"),
        (datetime(2025, 1, 15, 0, 0, tzinfo=UTC), "15 January 2025 at midnight"),
        (datetime(2025, 1, 15, 0, 5, tzinfo=UTC), "15 January 2025 at 12:05am"),
    ],
)
def test_a_moment_is_shown_in_uk_time_the_govuk_way(moment, shown):
    assert govuk_datetime(moment) == shown


def test_a_time_typed_at_half_past_ten_at_night_is_shown_so():
    typed = timezone.make_aware(datetime.combine(date(2025, 7, 1), time(22, 30)))

    assert govuk_time(typed) == "10:30pm"
    assert event_when(typed) == "1 July 2025 at 10:30pm"


def test_an_event_known_only_by_its_date_is_shown_without_a_made_up_time():
    assert event_when(midday(date(2025, 7, 1))) == "1 July 2025"
    assert event_when(None) == "Not recorded"


def test_a_count_says_its_noun_in_the_plural_unless_one():
    from core.presenters import counted

    assert counted(1, "referral") == "1 referral"
    assert counted(0, "referral") == "0 referrals"
    assert counted(2, "person", "people") == "2 people"
