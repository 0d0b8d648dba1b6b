"""What the performance pages show, read once per page: each indicator's figure for the
user's scope, its target and RAG status, the England comparator, the direction of travel
and the 13-month trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from accounts.models import User

from . import drill
from .catalogue import CATALOGUE, Figure, Indicator, Item, Unit
from .catalogue.base import figure_of
from .catalogue.query import counted_on
from .figures import (
    Comparator,
    comparators,
    current_targets,
    direction,
    monthly,
    others,
    population_for,
    rag,
    read_rows,
    read_tallies,
)
from .models import ComparatorKind, Target
from .periods import (
    Period,
    as_at,
    collection_year,
    collection_year_ending,
    quarter,
    rolling_12_months,
    trend_months,
)


def period_choices(today: date) -> list[tuple[str, str]]:
    """The periods offered: this and the last two collection years, this year's quarters so
    far, the last 13 months, the 12 months to today and today."""
    year = collection_year_ending(today)
    choices = [collection_year(y) for y in (year, year - 1, year - 2)]
    choices += [q for q in (quarter(year, n) for n in (1, 2, 3, 4)) if q.start <= today]
    choices += list(reversed(trend_months(today)))
    choices += [rolling_12_months(today), as_at(today)]
    return [(p.key, p.label) for p in choices]


def shown(value: Decimal | None, unit: Unit) -> str:
    if value is None:
        return "–"
    if unit == Unit.PERCENTAGE:
        return f"{value}%"
    if unit == Unit.DAYS:
        return f"{value} days"
    return f"{value:,}"


# The child's journey, in the order the overview lists the indicators' families.
FAMILY_ORDER = [
    "Contacts and referrals",
    "Assessments",
    "Children in need",
    "Child protection",
    "Children looked after",
]


@dataclass
class Line:
    indicator: Indicator
    figure: Figure
    target: Target | None
    rag: str
    england: Comparator | None
    direction: str
    before: Figure | None = None
    others: list[Comparator] = field(default_factory=list)  # region, statistical neighbours

    @property
    def value(self) -> str:
        return shown(self.figure.value, self.indicator.unit)


def _line(
    indicator: Indicator,
    figure: Figure,
    previous: Figure,
    target: Target | None,
    held: dict[str, Comparator] | None,
) -> Line:
    """An indicator's line: its figure against its target (the RAG status), against the period
    before (the direction of travel), and beside its comparators held (England's and others)."""
    return Line(
        indicator,
        figure,
        target,
        rag(indicator, figure.value, target),
        (held or {}).get(ComparatorKind.ENGLAND),
        direction(indicator, figure.value, previous.value),
        previous,
        others(held),
    )


@dataclass
class Family:
    name: str
    lines: list[Line] = field(default_factory=list)


Rows = dict[object, list[list[drill.Row]]]  # each rows function's rows for each of some periods


def scoped_rows(read: dict[object, list[list[Item]]], scope: drill.Scope) -> Rows:
    """The rows read (`figures.read_rows`) that the user's scope keeps, each with its team
    and worker (one query for every list's allocations; none for those who see everyone)."""
    if scope.everyone:
        return {key: [[drill.Row(i, 0, 0) for i in found] for found in lists] for key, lists in read.items()}
    return {
        key: [[r for r in found if scope.keeps(r)] for found in lists]
        for key, lists in drill.attribute_all(
            read, {i.items: i.subject for i in CATALOGUE.indicators.values()}
        ).items()
    }


def overview(user: User, period: Period, rows: Rows | None = None) -> tuple[drill.Scope, list[Family]]:
    """Every indicator for the period and the one before it. `rows`: each rows function's
    scoped rows for the two periods, when the caller has read them with others."""
    scope = drill.scope_for(user)
    indicators = list(CATALOGUE.indicators.values())
    population, earlier_population = population_for(period), population_for(period.previous())
    # Everyone's figures are counted (in the database where the rows are one query); a team's
    # or a worker's are made from the rows attributed to them.
    counting = scope.everyone and rows is None
    tallies = read_tallies(indicators, [period, period.previous()]) if counting else {}
    if rows is None and not counting:
        rows = scoped_rows(read_rows(indicators, [period, period.previous()]), scope)
    targets, held = current_targets(), comparators()
    families: dict[str, Family] = {}
    for indicator in indicators:
        if counting:
            now_counted, before_counted = tallies[indicator.items]
            figure = figure_of(indicator, period, now_counted, population)
            previous = figure_of(indicator, period.previous(), before_counted, earlier_population)
        else:
            assert rows is not None
            now, before = rows[indicator.items]
            figure = drill.scoped(indicator, period, now, scope, population)
            previous = drill.scoped(indicator, period.previous(), before, scope, earlier_population)
        line = _line(indicator, figure, previous, targets.get(indicator.id), held.get(indicator.id))
        families.setdefault(indicator.family, Family(indicator.family)).lines.append(line)
    return scope, sorted(
        families.values(), key=lambda f: FAMILY_ORDER.index(f.name) if f.name in FAMILY_ORDER else 99
    )


@dataclass
class Detail:
    line: Line
    scope: drill.Scope
    rows: list[drill.Row]
    trend: list[tuple[Period, Figure]]
    population: int


def detail(user: User, indicator: Indicator, period: Period) -> Detail:
    scope = drill.scope_for(user)
    population = population_for(period)
    previous_period = period.previous()
    months = trend_months(counted_on(period))
    # The period, the one before it and the 13 months of the trend: one read (rows counted on
    # their own date) and one query for the allocations behind them.
    rows, previous_rows, *in_months = drill.attribute_all(
        read_rows([indicator], [period, previous_period, *months]), {indicator.items: indicator.subject}
    )[indicator.items]
    rows = [r for r in rows if scope.keeps(r)]
    previous_rows = [r for r in previous_rows if scope.keeps(r)]
    figure = drill.scoped(indicator, period, rows, scope, population)
    previous = drill.scoped(indicator, previous_period, previous_rows, scope, population_for(previous_period))
    kept: dict[object, list[list[Item]]] = {
        indicator.items: [[r.item for r in found if scope.keeps(r)] for found in in_months]
    }
    figures = monthly([indicator], months, read=kept)[indicator.id]
    trend = list(zip(months, figures, strict=True))
    line = _line(
        indicator, figure, previous, current_targets().get(indicator.id), comparators().get(indicator.id)
    )
    return Detail(line, scope, rows, trend, population)


def other_kinds(families: Sequence[Family]) -> list[str]:
    """The labels of the comparators other than England that any line has (the columns the
    overview shows beside England's), in their order."""
    found = {c.label for family in families for line in family.lines for c in line.others}
    return [
        label for label in (ComparatorKind.REGION.label, ComparatorKind.NEIGHBOURS.label) if label in found
    ]


def months_label(periods: Sequence[Period]) -> list[str]:
    return [p.start.strftime("%b %y") for p in periods]
