"""Demo: the authority's child population for each collection year of the demo's history,
recorded by the performance team, sized to the generated borough so its rates per 10,000
sit where English authorities' do (the demo's children are those known to children's
social care, about one in twelve of the borough's children), and split by sex, age band
and ethnic group in a made-up borough's shares, so the equality breakdowns have a
population to set their groups beside."""

from accounts.permissions import Role
from demo.stages.base import StageContext
from people.models import Person
from performance import services
from performance.periods import collection_year_ending

CHILDREN_PER_KNOWN_CHILD = 12
GROWTH_PER_YEAR = 0.004  # a gently growing borough
# The made-up borough's shares of its children, by the equality breakdowns' groups (ages by
# the years each band spans).
SHARES: dict[str, dict[str, float]] = {
    "Sex": {"Male": 0.512, "Female": 0.488},
    "Age": {"Under 1": 1 / 18, "1 to 4": 4 / 18, "5 to 9": 5 / 18, "10 to 15": 6 / 18, "16 and 17": 2 / 18},
    "Ethnic group": {
        "White": 0.70,
        "Mixed or multiple": 0.08,
        "Asian or Asian British": 0.12,
        "Black, African, Caribbean or Black British": 0.06,
        "Other ethnic group": 0.04,
    },
}


def split(population: int, shares: dict[str, float]) -> dict[str, int]:
    """The population in whole children by the shares, adding up to it exactly (the largest
    group takes what rounding leaves)."""
    counts = {group: int(population * share) for group, share in shares.items()}
    largest = max(shares, key=lambda g: shares[g])
    counts[largest] += population - sum(counts.values())
    return counts


def run(ctx: StageContext) -> None:
    analysts = ctx.staff(Role.PERFORMANCE)
    if not analysts:
        return
    known = Person.objects.active().children().count()
    latest = collection_year_ending(ctx.as_of)
    years = max(3, ctx.history_days // 365 + 2)
    for back in range(years):
        year = latest - back
        population = round(known * CHILDREN_PER_KNOWN_CHILD * (1 - GROWTH_PER_YEAR * back))
        services.set_population(
            actor=analysts[0],
            year=year,
            population=max(population, 1),
            source=f"Demo estimate from ONS-style mid-{year - 1} figures",
        )
        services.set_population_groups(
            actor=analysts[0],
            year=year,
            groups={c: split(max(population, 1), shares) for c, shares in SHARES.items()},
        )
