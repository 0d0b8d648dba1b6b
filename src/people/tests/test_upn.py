"""When a UPN may be unknown (people.upn): UN1 until the child starts school, UN4 for a week."""

from datetime import date

import pytest

from people import upn


@pytest.mark.parametrize(
    ("born", "starts"),
    [
        (date(2021, 5, 1), date(2025, 9, 1)),  # 4 in May: reception that September
        (date(2021, 8, 31), date(2025, 9, 1)),  # the youngest in the year
        (date(2021, 9, 1), date(2026, 9, 1)),  # 4 on 1 September: the next year
        (date(2020, 12, 25), date(2025, 9, 1)),
    ],
)
def test_a_child_starts_school_the_september_after_their_fourth_birthday(born, starts):
    assert upn.school_start(born) == starts
    assert upn.un1_fits(born, starts.replace(day=1, month=8))
    assert not upn.un1_fits(born, starts)


def test_un1_never_fits_a_child_the_dfe_rule_calls_school_age():
    """Rule 209: UN1 is refused for a child who was 4 by 31 August before the collection year
    began. A child born on 1 May 2021 was 4 by 31 August 2025: in the 2026/27 collection (from
    1 April 2026) UN1 is an error, and Harbour no longer offers it from September 2025."""
    born = date(2021, 5, 1)
    assert not upn.un1_fits(born, date(2026, 4, 9))
    assert upn.un1_fits(born, date(2025, 8, 31))


@pytest.mark.parametrize(
    ("since", "on", "newly"),
    [
        (date(2026, 3, 24), date(2026, 3, 31), True),  # 7 days: still newly looked after
        (date(2026, 3, 23), date(2026, 3, 31), False),  # 8 days: more than a week
        (date(2026, 3, 31), date(2026, 3, 31), True),
    ],
)
def test_newly_looked_after_is_a_week_or_less(since, on, newly):
    assert upn.newly_looked_after(since, on) is newly


@pytest.mark.parametrize(
    ("since", "on", "fits"),
    [
        (date(2026, 11, 1), date(2026, 11, 20), True),  # no 31 March since care began
        (date(2026, 3, 26), date(2026, 4, 9), True),  # 5 days at 31 March
        (date(2026, 3, 20), date(2026, 4, 9), False),  # 11 days at 31 March: rule 210
        (date(2026, 3, 20), date(2026, 3, 30), True),  # 31 March not yet come
        (date(2025, 3, 1), date(2026, 3, 30), False),  # looked after at last year's 31 March
    ],
)
def test_un4_fits_only_while_no_return_would_report_it_for_more_than_a_week_in_care(since, on, fits):
    assert upn.un4_fits(since, on) is fits
