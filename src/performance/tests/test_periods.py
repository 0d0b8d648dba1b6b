from datetime import date

import pytest

from performance import periods as p


def test_the_collection_year_runs_from_1_april_to_31_march():
    year = p.collection_year(2026)
    assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert p.collection_year_ending(date(2026, 3, 31)) == 2026
    assert p.collection_year_ending(date(2026, 4, 1)) == 2027


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, date(2025, 4, 1), date(2025, 6, 30)),
        (2, date(2025, 7, 1), date(2025, 9, 30)),
        (3, date(2025, 10, 1), date(2025, 12, 31)),
        (4, date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_quarters_of_the_collection_year(number, start, end):
    quarter = p.quarter(2026, number)
    assert (quarter.start, quarter.end) == (start, end)
    assert p.ending_quarter(end) == quarter
    assert p.parse(quarter.key, date(2030, 1, 1)) == quarter


def test_months_rolling_years_and_as_at():
    feb = p.month(2024, 2)
    assert (feb.start, feb.end) == (date(2024, 2, 1), date(2024, 2, 29))
    rolling = p.rolling_12_months(date(2026, 2, 28))
    assert (rolling.start, rolling.end) == (date(2025, 3, 1), date(2026, 2, 28))
    assert p.as_at(date(2026, 3, 31)).start == p.as_at(date(2026, 3, 31)).end == date(2026, 3, 31)
    assert p.add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)


def test_the_previous_period_is_the_one_just_before():
    assert p.collection_year(2026).previous() == p.collection_year(2025)
    assert p.quarter(2026, 1).previous() == p.quarter(2025, 4)
    assert p.month(2026, 1).previous() == p.month(2025, 12)


def test_a_13_month_trend_ends_with_the_month_of_the_day():
    months = p.trend_months(date(2026, 3, 31))
    assert len(months) == 13
    assert (months[0].start, months[-1].end) == (date(2025, 3, 1), date(2026, 3, 31))


def test_parse_reads_back_every_kind_and_refuses_nonsense():
    today = date(2026, 6, 15)
    assert p.parse("", today) == p.collection_year(2027)
    for period in (p.collection_year(2026), p.month(2026, 5), p.rolling_12_months(today), p.as_at(today)):
        assert p.parse(period.key, today) == period
    for bad in ("decade:2020", "month:2026-13", "year:soon", "quarter:2026-5"):
        with pytest.raises(ValueError):
            p.parse(bad, today)
