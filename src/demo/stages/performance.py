"""Demo: the authority's child population for each collection year of the demo's history,
recorded by the performance team, sized to the generated borough so its rates per 10,000
sit where English authorities' do (the demo's children are those known to children's
social care, about one in twelve of the borough's children)."""

from accounts.permissions import Role
from demo.stages.base import StageContext
from people.models import Person
from performance import services
from performance.periods import collection_year_ending

CHILDREN_PER_KNOWN_CHILD = 12
GROWTH_PER_YEAR = 0.004  # a gently growing borough


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
