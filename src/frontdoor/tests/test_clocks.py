from datetime import date

from frontdoor import clocks
from frontdoor.tests.conftest import at


def test_out_of_hours_when_weekday_evening_or_early_morning():
    # Wed 5 Mar 2025
    assert clocks.is_out_of_hours(at(2025, 3, 5, 17, 0))
    assert clocks.is_out_of_hours(at(2025, 3, 5, 8, 59))
    assert clocks.is_out_of_hours(at(2025, 3, 5, 23, 30))


def test_in_hours_when_weekday_office_hours():
    assert not clocks.is_out_of_hours(at(2025, 3, 5, 9, 0))
    assert not clocks.is_out_of_hours(at(2025, 3, 5, 16, 59))


def test_out_of_hours_when_weekend_or_bank_holiday_daytime():
    assert clocks.is_out_of_hours(at(2025, 3, 8, 11, 0))  # Saturday
    assert clocks.is_out_of_hours(at(2025, 5, 26, 11, 0))  # Spring bank holiday (Mon)
    assert clocks.is_out_of_hours(at(2025, 12, 25, 11, 0))


def test_out_of_hours_uses_uk_local_time_in_summer():
    # 08:30 UTC on a June weekday is 09:30 BST: in hours.
    from datetime import UTC, datetime

    assert not clocks.is_out_of_hours(datetime(2025, 6, 4, 8, 30, tzinfo=UTC))


def test_decision_due_next_working_day_when_received_on_weekday():
    assert clocks.decision_deadline(at(2025, 3, 5, 10)).statutory_due == date(2025, 3, 6)


def test_decision_due_after_bank_holiday_weekend_when_received_friday():
    # Fri 23 May 2025 (day 0); Sat, Sun, Mon 26 May (spring bank holiday) skipped -> Tue 27 May.
    assert clocks.decision_deadline(at(2025, 5, 23, 16)).statutory_due == date(2025, 5, 27)


def test_decision_due_after_easter_when_received_on_saturday_evening():
    # Sat 19 Apr 2025 22:00; day 0 is the received date; Sun 20, Easter Mon 21 skipped -> Tue 22.
    assert clocks.decision_deadline(at(2025, 4, 19, 22)).statutory_due == date(2025, 4, 22)


def test_re_referral_when_previous_within_12_months():
    assert clocks.is_re_referral(date(2025, 6, 10), [date(2024, 6, 10)])  # exactly 12 months
    assert clocks.is_re_referral(date(2025, 6, 10), [date(2020, 1, 1), date(2025, 1, 2)])


def test_not_re_referral_when_previous_older_than_12_months_or_none():
    assert not clocks.is_re_referral(date(2025, 6, 10), [date(2024, 6, 9)])
    assert not clocks.is_re_referral(date(2025, 6, 10), [])


def test_not_re_referral_when_only_same_day_or_later_referrals():
    assert not clocks.is_re_referral(date(2025, 6, 10), [date(2025, 6, 10), date(2025, 7, 1)])


def test_re_referral_corresponding_date_rule_at_month_end():
    # 29 Feb 2024 - 12 months -> 28 Feb 2023 is inside; 27 Feb 2023 is not.
    assert clocks.is_re_referral(date(2024, 2, 29), [date(2023, 2, 28)])
    assert not clocks.is_re_referral(date(2024, 2, 29), [date(2023, 2, 27)])


def test_frequent_contacts_when_three_in_rolling_30_days():
    dates = [date(2025, 3, 1), date(2025, 3, 15), date(2025, 3, 30)]
    assert clocks.contacts_in_window(dates, date(2025, 3, 30)) == 3
    assert clocks.has_frequent_contacts(dates, date(2025, 3, 30))


def test_not_frequent_contacts_when_third_is_31_days_after_first():
    dates = [date(2025, 3, 1), date(2025, 3, 15), date(2025, 3, 31)]
    assert clocks.contacts_in_window(dates, date(2025, 3, 31)) == 2
    assert not clocks.has_frequent_contacts(dates, date(2025, 3, 31))


def test_threshold_levels_read_override_from_settings(settings):
    assert clocks.threshold_levels()[0] == ("1", "Level 1: universal")
    settings.HARBOUR_THRESHOLD_LEVELS = [("A", "Universal"), ("B", "Targeted")]
    assert clocks.threshold_levels() == (("A", "Universal"), ("B", "Targeted"))


def test_due_status_labels():
    due = date(2025, 3, 6)
    assert clocks.due_status(due, date(2025, 3, 5)) == "due"
    assert clocks.due_status(due, date(2025, 3, 6)) == "due today"
    assert clocks.due_status(due, date(2025, 3, 7)) == "overdue"
    assert clocks.due_status(due, date(2025, 3, 9), decided_on=date(2025, 3, 6)) == "on time"
    assert clocks.due_status(due, date(2025, 3, 9), decided_on=date(2025, 3, 7)) == "late"
