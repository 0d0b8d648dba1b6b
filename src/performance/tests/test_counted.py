"""The figures the database counts are the figures of the rows the drill-down lists: for every
indicator whose rows are one query (`catalogue.counted`), on a generated borough, the year's
count and each of 13 months' (one grouped query) equal the count of the same rows made in
Python, and so do the figures made from them."""

import pytest

from performance.catalogue import CATALOGUE
from performance.catalogue.base import figure_from, figure_of, tally
from performance.catalogue.counted import Counted
from performance.periods import collection_year, trend_months
from returns.tests.test_cin_census_demo import AS_OF, borough  # noqa: F401  (the shared generated borough)

COUNTED = [i for i in CATALOGUE.indicators.values() if isinstance(i.items, Counted)]


def _counts(t):
    return (t.rows, t.subjects, t.hits)


def test_the_catalogue_counts_its_commonest_indicators_in_the_database():
    assert {"contacts", "referrals", "cin_at_period_end", "cla_at_period_end", "s47_enquiries"} <= {
        i.id for i in COUNTED
    }


@pytest.mark.parametrize("indicator", COUNTED, ids=lambda i: i.id)
def test_the_count_in_the_database_is_the_count_of_the_rows_listed(borough, db, indicator):  # noqa: F811
    assert isinstance(indicator.items, Counted)
    for periods in (
        [collection_year(2026)],
        [collection_year(2025), collection_year(2026)],
        trend_months(AS_OF),
    ):
        counted = indicator.items.tallies(periods, indicator.splits_by_date)
        listed = [indicator.items(p) for p in periods]
        assert [_counts(t) for t in counted] == [_counts(tally(rows)) for rows in listed]
        for period, t, rows in zip(periods, counted, listed, strict=True):
            by_database = figure_of(indicator, period, t, 1000)
            by_rows = figure_from(indicator, period, rows, 1000)
            assert (by_database.value, by_database.numerator, by_database.denominator, by_database.count) == (
                by_rows.value,
                by_rows.numerator,
                by_rows.denominator,
                by_rows.count,
            )


def test_the_borough_gives_the_counted_indicators_rows(borough, db):  # noqa: F811
    """The comparison means something: most counted indicators have rows in the borough's year."""
    year = collection_year(2026)
    with_rows = [i.id for i in COUNTED if i.items(year)]
    assert len(with_rows) >= len(COUNTED) // 2, with_rows
