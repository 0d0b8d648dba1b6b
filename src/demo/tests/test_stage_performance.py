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


def test_the_demo_s_population_is_split_by_sex_age_and_ethnic_group_adding_up_to_each_year(borough, db):  # noqa: F811
    from performance.equality import POPULATION_GROUPS
    from performance.models import PopulationGroup

    for row in ChildPopulation.objects.all():
        groups = PopulationGroup.objects.filter(population=row)
        for characteristic, names in POPULATION_GROUPS.items():
            held = dict(groups.filter(characteristic=characteristic).values_list("group", "children"))
            assert set(held) == set(names)
            assert sum(held.values()) == row.population


def test_the_demo_sets_the_performance_boards_local_targets(borough, db):  # noqa: F811
    from demo.stages.performance import TARGETS
    from performance.models import Target

    assert set(Target.objects.values_list("indicator_id", flat=True)) == set(TARGETS)
