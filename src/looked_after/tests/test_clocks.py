"""Hand-worked dates for every clock the children-in-care stage uses (TIMESCALES §2, §6, §9)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

import timescales
from looked_after.clocks import (
    Due,
    Stay,
    long_term_stable,
    moves_in_last_12_months,
    next_health_review_due,
    next_review_due,
    next_visit_due,
    placements_in_year,
    screening_trend,
)
from looked_after.models import VisitRegime

LONDON = ZoneInfo("Europe/London")


def test_first_review_is_20_working_days_after_becoming_looked_after_when_easter_intervenes():
    # Thu 14 Mar 2024 is day 0; Good Friday 29 Mar and Easter Monday 1 Apr are skipped.
    assert next_review_due(date(2024, 3, 14), []) == Due("lac_first_review", date(2024, 4, 15))


def test_second_review_is_3_months_after_the_first_when_the_month_is_shorter():
    assert next_review_due(date(2024, 12, 1), [date(2025, 1, 31)]).due == date(2025, 4, 30)


def test_later_reviews_are_6_months_after_the_previous_when_two_are_held():
    due = next_review_due(date(2024, 3, 1), [date(2024, 3, 20), date(2024, 8, 31)])
    assert due == Due("lac_review", date(2025, 2, 28))


@pytest.mark.parametrize(
    ("rule_id", "start", "expected"),
    [
        ("initial_health_assessment", date(2024, 3, 14), date(2024, 4, 15)),
        ("care_plan", date(2024, 3, 14), date(2024, 3, 28)),  # 10 WD: Thu 28 Mar (before Good Friday)
        ("placement_plan", date(2024, 3, 14), date(2024, 3, 21)),
        ("pep_initial", date(2024, 3, 22), date(2024, 4, 9)),  # Fri 22 Mar, Easter skipped
        ("placement_visit_first", date(2024, 6, 3), date(2024, 6, 10)),
    ],
)
def test_rule_due_date_is_hand_worked_when_used_by_this_stage(rule_id, start, expected):
    assert timescales.due_date(rule_id, start) == expected


def test_return_home_interview_is_due_72_hours_after_return_when_returned_friday_night():
    returned = datetime(2024, 6, 7, 22, 0, tzinfo=LONDON)
    assert timescales.due_date("return_home_interview", returned) == datetime(
        2024, 6, 10, 22, 0, tzinfo=LONDON
    )


# --- Statutory visits (reg 28) ------------------------------------------------------------------


def test_first_visit_is_within_a_week_of_the_placement_when_none_made():
    assert next_visit_due(regime=VisitRegime.STANDARD, placement_start=date(2024, 6, 3), visits=[]) == date(
        2024, 6, 10
    )


def test_visits_before_the_placement_do_not_count_when_the_child_moved():
    due = next_visit_due(
        regime=VisitRegime.STANDARD, placement_start=date(2024, 6, 3), visits=[date(2024, 6, 1)]
    )
    assert due == date(2024, 6, 10)


def test_standard_visits_are_six_weekly_in_the_first_year_when_placed():
    due = next_visit_due(
        regime=VisitRegime.STANDARD, placement_start=date(2024, 6, 3), visits=[date(2024, 6, 10)]
    )
    assert due == date(2024, 7, 22)


def test_standard_visits_are_three_monthly_after_year_one_when_intended_until_18():
    kwargs = {
        "regime": VisitRegime.STANDARD,
        "placement_start": date(2023, 1, 1),
        "visits": [date(2024, 2, 15)],
    }
    assert next_visit_due(**kwargs, intended_until_18=True) == date(2024, 5, 15)
    assert next_visit_due(**kwargs, intended_until_18=False) == date(2024, 3, 28)


def test_long_term_foster_visits_are_six_monthly_after_year_one_when_child_agrees():
    start = date(2023, 1, 1)
    assert next_visit_due(
        regime=VisitRegime.LONG_TERM_FOSTER, placement_start=start, visits=[date(2024, 2, 15)]
    ) == date(2024, 8, 15)
    assert next_visit_due(
        regime=VisitRegime.LONG_TERM_FOSTER, placement_start=start, visits=[date(2023, 3, 1)]
    ) == date(2023, 4, 12)


def test_parent_before_assessment_visits_are_weekly_until_first_review_then_six_weekly():
    start = date(2024, 6, 3)
    regime = VisitRegime.PARENT_BEFORE_ASSESSMENT
    assert next_visit_due(regime=regime, placement_start=start, visits=[date(2024, 6, 5)]) == date(
        2024, 6, 12
    )
    after = next_visit_due(
        regime=regime, placement_start=start, visits=[date(2024, 7, 2)], first_review=date(2024, 7, 1)
    )
    assert after == date(2024, 8, 13)


def test_connected_person_visits_are_weekly_then_four_weekly_when_first_review_held():
    start = date(2024, 6, 3)
    regime = VisitRegime.CONNECTED_OR_ICO_PARENT
    assert next_visit_due(
        regime=regime, placement_start=start, visits=[date(2024, 6, 20)], first_review=date(2024, 7, 1)
    ) == date(2024, 6, 27)
    assert next_visit_due(
        regime=regime, placement_start=start, visits=[date(2024, 7, 2)], first_review=date(2024, 7, 1)
    ) == date(2024, 7, 30)


def test_care_order_with_parent_visits_are_six_weekly_when_first_visit_made():
    due = next_visit_due(
        regime=VisitRegime.CARE_ORDER_PARENT, placement_start=date(2024, 6, 3), visits=[date(2024, 6, 10)]
    )
    assert due == date(2024, 7, 22)


# --- Health ------------------------------------------------------------------------------------


def test_health_review_is_six_monthly_when_under_five():
    assert next_health_review_due(date(2024, 1, 10), date(2020, 3, 1)) == date(2024, 7, 10)


def test_health_review_is_yearly_when_six_months_would_fall_after_fifth_birthday():
    assert next_health_review_due(date(2024, 10, 10), date(2020, 3, 1)) == date(2025, 10, 10)


# --- Stability ---------------------------------------------------------------------------------

AS_AT = date(2025, 3, 31)
STAYS = [
    Stay(date(2023, 6, 1), date(2024, 3, 31), "U4"),
    Stay(date(2024, 3, 31), date(2024, 8, 1), "U6"),
    Stay(date(2024, 8, 1), date(2024, 8, 5), "T0"),
    Stay(date(2024, 8, 5), None, "K2"),
]


def test_placements_in_year_excludes_temporary_and_ended_before_the_year_when_counting():
    assert placements_in_year(STAYS, AS_AT) == 2


def test_moves_count_placements_starting_when_another_ended_within_twelve_months():
    assert moves_in_last_12_months(STAYS, AS_AT) == 2


def test_long_term_stable_when_current_placement_has_lasted_two_years():
    stays = [Stay(date(2022, 1, 1), date(2023, 3, 31), "U4"), Stay(date(2023, 3, 31), None, "U4")]
    assert long_term_stable(
        date_of_birth=date(2012, 1, 1), looked_after_since=date(2022, 1, 1), stays=stays, as_at=AS_AT
    )


def test_not_long_term_stable_when_current_placement_is_one_day_short_of_two_years():
    stays = [Stay(date(2022, 1, 1), date(2023, 4, 1), "U4"), Stay(date(2023, 4, 1), None, "U4")]
    kwargs = {
        "date_of_birth": date(2012, 1, 1),
        "looked_after_since": date(2022, 1, 1),
        "stays": stays,
        "as_at": AS_AT,
    }
    assert long_term_stable(**kwargs) is False


def test_long_term_stability_is_not_applicable_when_sixteen_or_recently_in_care():
    stays = [Stay(date(2022, 1, 1), None, "U4")]
    assert (
        long_term_stable(
            date_of_birth=date(2009, 3, 31), looked_after_since=date(2022, 1, 1), stays=stays, as_at=AS_AT
        )
        is None
    )
    assert (
        long_term_stable(
            date_of_birth=date(2012, 1, 1), looked_after_since=date(2022, 10, 2), stays=stays, as_at=AS_AT
        )
        is None
    )


def test_adoptive_placement_counts_with_previous_when_placed_for_adoption():
    stays = [Stay(date(2022, 1, 1), date(2024, 6, 1), "U4"), Stay(date(2024, 6, 1), None, "A5")]
    assert long_term_stable(
        date_of_birth=date(2020, 1, 1), looked_after_since=date(2022, 1, 1), stays=stays, as_at=AS_AT
    )


def test_screening_trend_shows_arrows_when_scores_change():
    assert screening_trend([10, 14, 14, 9]) == ["–", "↑ up", "→ same", "↓ down"]
