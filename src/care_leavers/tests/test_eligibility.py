from datetime import date

from care_leavers import eligibility as e

DOB = date(2008, 5, 10)  # 14th birthday 10 May 2022, 16th 10 May 2024, 18th 10 May 2026


def test_eligible_when_looked_after_13_weeks_since_14_and_still_in_care_at_16():
    periods = [(date(2024, 3, 1), None)]  # 1 Mar 2024 to 30 May 2024 inclusive = 91 days
    assert e.compute_eligibility(DOB, periods, date(2024, 5, 30)) == e.ELIGIBLE


def test_not_eligible_when_one_day_short_of_13_weeks():
    periods = [(date(2024, 3, 1), None)]
    assert e.days_looked_after_since(periods, date(2022, 5, 10), date(2024, 5, 29)) == 90
    assert e.compute_eligibility(DOB, periods, date(2024, 5, 29)) == e.NONE


def test_periods_add_up_when_care_was_interrupted():
    # 50 days at 14 (1 Jun–20 Jul 2022, end not counted) + 41 days from 10 May 2024 = 91
    periods = [(date(2022, 6, 1), date(2022, 7, 21)), (date(2024, 5, 10), None)]
    assert e.days_looked_after_since(periods, date(2022, 5, 10), date(2024, 6, 19)) == 91
    assert e.compute_eligibility(DOB, periods, date(2024, 6, 19)) == e.ELIGIBLE


def test_days_before_14th_birthday_do_not_count():
    periods = [(date(2020, 1, 1), date(2024, 5, 20))]  # left 10 days after turning 16
    # counted from 10 May 2022 to 19 May 2024 = 741 days
    assert e.days_looked_after_since(periods, date(2022, 5, 10), date(2024, 9, 1)) == 741


def test_relevant_when_left_care_at_16_after_qualifying_period():
    periods = [(date(2020, 1, 1), date(2024, 5, 20))]
    assert e.compute_eligibility(DOB, periods, date(2024, 9, 1)) == e.RELEVANT


def test_qualifying_when_looked_after_after_16_but_less_than_13_weeks():
    periods = [(date(2024, 6, 1), date(2024, 7, 1))]
    assert e.compute_eligibility(DOB, periods, date(2024, 9, 1)) == e.QUALIFYING


def test_none_when_care_ended_before_16th_birthday():
    periods = [(date(2022, 6, 1), date(2024, 5, 10))]  # end date is the 16th birthday, not counted
    assert e.compute_eligibility(DOB, periods, date(2024, 9, 1)) == e.NONE


def test_former_relevant_at_18_when_qualified_before_18th_birthday():
    periods = [(date(2023, 1, 1), date(2026, 5, 10))]  # left care on the 18th birthday
    assert e.compute_eligibility(DOB, periods, date(2026, 5, 10)) == e.FORMER_RELEVANT
    assert e.compute_eligibility(DOB, periods, date(2033, 5, 9)) == e.FORMER_RELEVANT  # aged 24
    assert e.compute_eligibility(DOB, periods, date(2034, 5, 10)) == e.NONE  # aged 26


def test_qualifying_ends_at_21():
    periods = [(date(2025, 1, 1), date(2025, 2, 1))]
    assert e.compute_eligibility(DOB, periods, date(2029, 5, 9)) == e.QUALIFYING  # aged 20
    assert e.compute_eligibility(DOB, periods, date(2029, 5, 10)) == e.NONE  # aged 21


def test_none_when_under_16():
    assert e.compute_eligibility(DOB, [(date(2022, 6, 1), None)], date(2024, 5, 9)) == e.NONE


def test_oc3_window_is_3_months_before_to_1_month_after_the_birthday():
    assert e.oc3_window(DOB, 19) == (date(2027, 2, 10), date(2027, 6, 10))


def test_oc3_window_uses_month_end_when_the_day_does_not_exist():
    dob = date(2006, 5, 31)
    assert e.oc3_window(dob, 19) == (date(2025, 2, 28), date(2025, 6, 30))


def test_leap_day_birthday_falls_on_28_february():
    assert e.birthday(date(2008, 2, 29), 17) == date(2025, 2, 28)


def test_oc3_age_due_finds_the_birthday_window():
    assert e.oc3_age_due(DOB, date(2027, 2, 10)) == 19
    assert e.oc3_age_due(DOB, date(2027, 6, 11)) is None
