"""The child population by sex, age band and ethnic group, recorded for a year by the
authority (who and when kept), and the equality breakdowns setting each group of children
counted beside its share of the population."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from performance import services
from performance.catalogue import Item
from performance.equality import POPULATION_GROUPS, breakdown, population_groups
from performance.models import PopulationGroup
from performance.periods import collection_year

from . import rows
from .test_views import _get, borough  # noqa: F401  (the fixture)

AGES = {"Under 1": 50, "1 to 4": 200, "5 to 9": 250, "10 to 15": 300, "16 and 17": 200}
SEXES = {"Male": 600, "Female": 400}


@pytest.fixture
def year_2026(analyst):
    return services.set_population(actor=analyst, year=2026, population=1000, source="ONS mid-2025")


def test_a_year_s_population_by_group_is_recorded_with_who_and_when(analyst, year_2026):
    row = services.set_population_groups(actor=analyst, year=2026, groups={"Age": AGES, "Sex": SEXES})
    assert row.recorded_by == analyst
    held = {(g.characteristic, g.group): g.children for g in PopulationGroup.objects.filter(population=row)}
    assert held[("Age", "10 to 15")] == 300 and held[("Sex", "Female")] == 400
    assert AuditEvent.objects.filter(summary__startswith="Child population 2026 by age, sex").exists()
    # Correcting a characteristic replaces its groups and keeps the others.
    services.set_population_groups(actor=analyst, year=2026, groups={"Sex": {"Male": 500, "Female": 500}})
    assert (
        PopulationGroup.objects.filter(population=row, characteristic="Sex", group="Male").get().children
        == 500
    )
    assert PopulationGroup.objects.filter(population=row, characteristic="Age").count() == 5


def test_groups_must_add_up_to_the_year_s_population_and_follow_a_recorded_year(analyst, year_2026):
    with pytest.raises(ValidationError, match="add up to 900 children, but the population for 2026 is 1,000"):
        services.set_population_groups(actor=analyst, year=2026, groups={"Sex": {"Male": 500, "Female": 400}})
    with pytest.raises(ValidationError, match="Record the population for 2027"):
        services.set_population_groups(actor=analyst, year=2027, groups={"Age": AGES})
    with pytest.raises(ValueError, match="needs exactly the groups"):
        services.set_population_groups(actor=analyst, year=2026, groups={"Sex": {"Male": 1000}})
    assert not PopulationGroup.objects.exists()


def test_the_breakdown_sets_each_group_beside_its_share_of_the_population(analyst, year_2026, social_worker):
    services.set_population_groups(actor=analyst, year=2026, groups={"Age": AGES})
    population = population_groups(collection_year(2026))
    assert population == {"Age": AGES}
    assert population_groups(collection_year(2028)) == {"Age": AGES}  # the latest earlier year's
    baby = rows.child(social_worker, "Ada", date_of_birth=date(2025, 6, 1))
    teen = rows.child(social_worker, "Tom", date_of_birth=date(2010, 1, 1))
    items = [
        Item(baby.pk, date(2025, 9, 1)),
        Item(teen.pk, date(2025, 9, 1)),
        Item(teen.pk, date(2025, 10, 1)),
    ]
    ages = {s.group: s for s in breakdown(items, population)["Age"]}
    assert (ages["Under 1"].percent, ages["Under 1"].population_percent) == (33.3, 5.0)
    assert (ages["10 to 15"].percent, ages["10 to 15"].population_percent) == (66.7, 30.0)
    assert ages["5 to 9"].count == 0 and ages["5 to 9"].population_percent == 25.0  # no child counted
    assert all(s.population_percent is None for s in breakdown(items, population)["Sex"])


def test_performance_staff_record_the_groups_and_the_indicator_page_shows_the_shares(
    client,
    analyst,
    borough,  # noqa: F811
):
    services.set_population(actor=analyst, year=2026, population=1000, source="ONS mid-2025")
    client.force_login(analyst)
    url = reverse("performance:population_groups")
    fields = {"year": "2026", "sex_male": "510", "sex_female": "490", "age_under_1": "40"}
    page = client.post(url, fields)
    assert page.status_code == 400
    assert "Enter the number of children (1 to 4), or leave every age group blank" in page.content.decode()
    fields = {"year": "2026", "sex_male": "510", "sex_female": "490"}
    assert client.post(url, fields).status_code == 302
    assert "Share of all children" in _get(client, analyst, "indicator", "referrals").content.decode()
    assert "510" in client.get(reverse("performance:population")).content.decode()
    assert set(POPULATION_GROUPS["Sex"]) == {"Male", "Female"}
