"""The demo records the borough's child population for each year of its history, through
the performance service, sized so that its rates sit among English authorities'."""

from performance.catalogue import CATALOGUE
from performance.figures import compute
from performance.models import ChildPopulation
from performance.periods import collection_year
from returns.tests.test_cin_census_demo import borough  # noqa: F401  (the shared generated borough, at 15 June 2026)


def test_the_demo_records_a_population_each_year_and_its_rates_are_believable(borough, db):  # noqa: F811
    years = list(
        ChildPopulation.objects.order_by("year").values_list("year", "population", "recorded_by__role")
    )
    assert [y for y, _, _ in years] == [2025, 2026, 2027]
    assert all(role == "performance" for _, _, role in years)
    assert years[0][1] < years[-1][1]  # a growing borough
    rate = compute(CATALOGUE.indicators["cin_rate"], collection_year(2027)).value
    assert rate is not None and 50 < rate < 1500  # English authorities publish about 150 to 800
