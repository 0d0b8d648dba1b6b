"""What the performance pages show, read once per page: each indicator's figure for the
user's scope, its target and RAG status, the England comparator, the direction of travel
and the 13-month trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from accounts.models import User

from . import drill
from .catalogue import CATALOGUE, Figure, Indicator, Unit
from .figures import Comparator, current_targets, direction, england, monthly, population_for, rag
from .models import Target
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

    @property
    def value(self) -> str:
        return shown(self.figure.value, self.indicator.unit)


@dataclass
class Family:
    name: str
    lines: list[Line] = field(default_factory=list)


def _rows_by_function(period: Period, scope: drill.Scope) -> dict[object, list[drill.Row]]:
    found: dict[object, list[drill.Row]] = {}
    for indicator in CATALOGUE.indicators.values():
        if indicator.items in found:
            continue
        items = list(indicator.items(period))
        rows = (
            [drill.Row(i, 0, 0) for i in items]
            if scope.everyone
            else drill.attribute(items, indicator.subject)
        )
        found[indicator.items] = [r for r in rows if scope.keeps(r)]
    return found


def overview(user: User, period: Period) -> tuple[drill.Scope, list[Family]]:
    scope = drill.scope_for(user)
    now, before = _rows_by_function(period, scope), _rows_by_function(period.previous(), scope)
    population, earlier_population = population_for(period), population_for(period.previous())
    targets, comparators = current_targets(), england()
    families: dict[str, Family] = {}
    for indicator in CATALOGUE.indicators.values():
        figure = drill.scoped(indicator, period, now[indicator.items], scope, population)
        previous = drill.scoped(
            indicator, period.previous(), before[indicator.items], scope, earlier_population
        )
        target = targets.get(indicator.id)
        line = Line(
            indicator,
            figure,
            target,
            rag(indicator, figure.value, target),
            comparators.get(indicator.id),
            direction(indicator, figure.value, previous.value),
            previous,
        )
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
    rows = [r for r in drill.attribute(list(indicator.items(period)), indicator.subject) if scope.keeps(r)]
    figure = drill.scoped(indicator, period, rows, scope, population)
    previous_period = period.previous()
    previous_rows = [
        r
        for r in drill.attribute(list(indicator.items(previous_period)), indicator.subject)
        if scope.keeps(r)
    ]
    previous = drill.scoped(indicator, previous_period, previous_rows, scope, population_for(previous_period))
    months = trend_months(min(period.end, timezone.localdate()))
    if scope.everyone:
        figures = monthly([indicator], months)[indicator.id]
    else:
        figures = monthly([indicator], months, drill.keeping(scope))[indicator.id]
    trend = list(zip(months, figures, strict=True))
    target = current_targets().get(indicator.id)
    line = Line(
        indicator,
        figure,
        target,
        rag(indicator, figure.value, target),
        england().get(indicator.id),
        direction(indicator, figure.value, previous.value),
        previous,
    )
    return Detail(line, scope, rows, trend, population)


def months_label(periods: Sequence[Period]) -> list[str]:
    return [p.start.strftime("%b %y") for p in periods]
