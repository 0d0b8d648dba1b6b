"""Demo: the authority's child population for each collection year of the demo's history,
recorded by the performance team, sized to the generated borough so its rates per 10,000
sit where English authorities' do (the demo's children are those known to children's
social care, about one in twelve of the borough's children), and split by sex, age band
and ethnic group in a made-up borough's shares, so the equality breakdowns have a
population to set their groups beside."""

from decimal import Decimal

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


# The performance board's local targets (per cent) with the tolerance that is amber, not red:
# the measures an authority like this one reports monthly, set near England's figures.
TARGETS: dict[str, tuple[int, int]] = {
    "decisions_within_1_working_day": (95, 5),
    "re_referrals_12_months": (20, 3),
    "assessments_within_45_days": (88, 5),
    "icpc_within_15_days": (85, 5),
    "cp_reviews_on_time": (98, 3),
    "cp_visits_on_time": (90, 10),
    "lac_reviews_on_time": (95, 5),
    "peps_in_date": (95, 5),
    "return_interviews_72_hours": (80, 10),
    "oversight_within_standard": (90, 5),
    "supervision_within_standard": (90, 5),
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
    for indicator_id, (target, tolerance) in TARGETS.items():
        services.set_target(
            actor=analysts[0], indicator_id=indicator_id, target=Decimal(target), tolerance=Decimal(tolerance)
        )
