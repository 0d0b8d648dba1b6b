"""What an indicator is, and how its figure is made from the rows it counts.

An indicator's `items(period)` is one set-based query over Harbour's recorded history giving
the rows behind the number: one `Item` per counted event or child, with `hit` saying whether
it is in the numerator (percentages) and `days` the duration (averages). `compute` turns the
rows into the figure; the drill-down and the exports list the same rows, so every view of an
indicator agrees with its headline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ..periods import Period


class Unit(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate per 10,000"
    DAYS = "days"


class Polarity(StrEnum):
    HIGHER = "higher is better"
    LOWER = "lower is better"
    NEUTRAL = "no better direction"  # a measure of demand, read with its context


class Source(StrEnum):
    CIN = "DfE, Characteristics of children in need"
    CLA = "DfE, Children looked after in England including adoptions"
    WORKING_TOGETHER = "Working Together to Safeguard Children 2023"
    ANNEX_A = "Ofsted, Annex A"
    LOCAL = "Local practice measure (no DfE definition)"


@dataclass(frozen=True)
class Item:
    """One row behind a figure: whose record, the date it is counted on, and whether it meets
    the measure (percentages) or how many days it took (averages)."""

    person_id: int
    on: date
    hit: bool = True
    days: int | None = None
    what: str = ""  # a short description for the list of children, e.g. "Referral 14/05/2026"


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    source: Source
    unit: Unit
    polarity: Polarity
    numerator: str
    items: Callable[[Period], Sequence[Item]]
    denominator: str = ""
    family: str = ""
    as_at: bool = False  # counted on the period's last day (children at 31 March), not over it
    distinct_children: bool = False  # the count is of children, not of rows
    # Whether the rows of a long period, split by their dates, are the rows of its months
    # (true of events counted on their own date; false of "as at" counts and of rows whose
    # cohort depends on the whole period).
    divisible: bool = True

    @property
    def splits_by_date(self) -> bool:
        return self.divisible and not self.as_at


@dataclass
class Figure:
    indicator: Indicator
    period: Period
    items: Sequence[Item]
    count: int = 0
    numerator: int | None = None
    denominator: int | None = None
    value: Decimal | None = None
    population: int | None = None

    @property
    def children(self) -> set[int]:
        return {i.person_id for i in self.items}

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"title": self.indicator.title, "unit": self.indicator.unit.value}
        if self.indicator.unit == Unit.PERCENTAGE:
            out["numerator"], out["denominator"] = self.numerator, self.denominator
        elif self.indicator.unit == Unit.RATE:
            out["count"], out["population"] = self.count, self.population
        elif self.indicator.unit == Unit.DAYS:
            out["count"] = self.count
        else:
            out["count"] = self.count
        out["value"] = None if self.value is None else float(self.value)
        return out


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def figure_from(
    indicator: Indicator, period: Period, items: Sequence[Item], population: int | None
) -> Figure:
    """The figure the rows make: a count (of rows, or of children), a percentage of the rows
    that meet the measure, a rate per 10,000 children, or an average number of days."""
    count = len({i.person_id for i in items}) if indicator.distinct_children else len(items)
    fig = Figure(indicator, period, items, count=count)
    if indicator.unit == Unit.COUNT:
        fig.value = Decimal(count)
    elif indicator.unit == Unit.PERCENTAGE:
        fig.denominator = len(items)
        fig.numerator = sum(1 for i in items if i.hit)
        fig.value = _round(Decimal(100 * fig.numerator) / fig.denominator) if fig.denominator else None
    elif indicator.unit == Unit.RATE:
        fig.population = population
        fig.value = _round(Decimal(count * 10000) / population) if population else None
    else:
        days = [i.days for i in items if i.days is not None]
        fig.count = len(days)
        fig.value = _round(Decimal(sum(days)) / len(days), "1") if days else None
    return fig


@dataclass
class Catalogue:
    """Every indicator, in the order they are declared (adding one is one `declare`)."""

    indicators: dict[str, Indicator] = field(default_factory=dict)

    def declare(self, **fields: object) -> Indicator:
        indicator = Indicator(**fields)  # type: ignore[arg-type]
        if indicator.id in self.indicators:
            raise ValueError(f"Indicator {indicator.id} is declared twice")
        self.indicators[indicator.id] = indicator
        return indicator

    def rate_of(self, counted: Indicator, *, id: str, title: str) -> Indicator:  # noqa: A002
        """The same rows as `counted`, per 10,000 children in the authority."""
        return self.declare(
            id=id,
            title=title,
            definition=f"{counted.title} per 10,000 children aged 0–17 in the authority.",
            source=counted.source,
            unit=Unit.RATE,
            polarity=counted.polarity,
            numerator=counted.numerator,
            denominator="Children aged 0–17 (population estimate for the year)",
            items=counted.items,
            family=counted.family,
            as_at=counted.as_at,
            distinct_children=counted.distinct_children,
        )


CATALOGUE = Catalogue()
declare = CATALOGUE.declare
