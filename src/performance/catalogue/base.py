"""What an indicator is, and how its figure is made from the rows it counts.

An indicator's `items(period)` is one set-based query over Harbour's recorded history giving
the rows behind the number: one `Item` per counted event, child or worker, with `hit` saying
whether it is in the numerator (percentages), `days` the duration (averages of days) and
`value` an amount (a worker's weighted caseload: averages and maxima). `compute` turns the
rows into the figure; the drill-down and the exports list the same rows, so every view of an
indicator agrees with its headline.

An indicator declares its `subject`: whose rows it counts. Most count children (a row's
`subject_id` is the child's record); the workforce indicators count social workers (the
worker's user key) or teams' establishments (the team's key), and the drill-down lists
workers by their team, or the teams, instead of children by their allocation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple

from ..periods import Period
from .query import counted_on


class Unit(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate per 10,000"
    DAYS = "days"
    AVERAGE = "average"  # the mean of the rows' values
    MAXIMUM = "maximum"  # the largest of the rows' values


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


class Subject(StrEnum):
    """Whom an indicator's rows are about: children (a row a child or event of a child's
    record), social workers (a row a worker) or teams (a row a team's establishment)."""

    CHILD = "child"
    WORKER = "worker"
    TEAM = "team"  # a team's establishment: its posts, staff and leavers


class Item(NamedTuple):
    """One row behind a figure: whose (the child's record, or the worker, as the indicator's
    subject says), the date it is counted on, and whether it meets the measure (percentages),
    how many days it took (averages of days) or its amount (averages and maxima of values).
    Immutable, and a named tuple rather than a frozen dataclass: a large authority's year is
    hundreds of thousands of rows, and a tuple is made several times faster."""

    subject_id: int
    on: date
    hit: bool = True
    days: int | None = None
    what: str = ""  # a short description for the list of children, e.g. "Referral 14/05/2026"
    value: Decimal | None = None
    # A row that is a part of a whole (a team's vacancies of its posts): a percentage of such
    # rows is the sum of their values of the sum of their bases, not a share of rows.
    base: Decimal | None = None


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
    subject: Subject = Subject.CHILD
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
    numerator: int | Decimal | None = None
    denominator: int | Decimal | None = None
    value: Decimal | None = None
    population: int | None = None

    @property
    def children(self) -> set[int]:
        """The children (or, for an indicator of workers, the workers) behind the figure."""
        return {i.subject_id for i in self.items}

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"title": self.indicator.title, "unit": self.indicator.unit.value}
        if self.indicator.unit == Unit.PERCENTAGE:
            out["numerator"], out["denominator"] = _plain(self.numerator), _plain(self.denominator)
        elif self.indicator.unit == Unit.RATE:
            out["count"], out["population"] = self.count, self.population
        elif self.indicator.unit in (Unit.DAYS, Unit.AVERAGE, Unit.MAXIMUM):
            out["count"] = self.count
        else:
            out["count"] = self.count
        out["value"] = None if self.value is None else float(self.value)
        return out


def _plain(number: int | Decimal | None) -> int | float | None:
    return float(number) if isinstance(number, Decimal) else number


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tally:
    """What a figure is made of, whether counted from the rows in Python (`tally`) or in the
    database (`counted.Counted`): the rows, the children (or workers) among them, the rows
    that meet the measure, and the days recorded with their sum. The values and parts of
    wholes of workers' and teams' rows are only ever tallied from the rows (`items`)."""

    rows: int
    subjects: int
    hits: int
    days: int = 0  # rows with a number of days
    days_sum: int = 0
    items: Sequence[Item] = ()  # the rows, when tallied from them


def tally(items: Sequence[Item]) -> Tally:
    days = [i.days for i in items if i.days is not None]
    return Tally(
        rows=len(items),
        subjects=len({i.subject_id for i in items}),
        hits=sum(1 for i in items if i.hit),
        days=len(days),
        days_sum=sum(days),
        items=items,
    )


def figure_from(
    indicator: Indicator, period: Period, items: Sequence[Item], population: int | None
) -> Figure:
    """The figure the rows make (`figure_of` their tally)."""
    return figure_of(indicator, period, tally(items), population)


def figure_of(indicator: Indicator, period: Period, counted: Tally, population: int | None) -> Figure:
    """The figure a tally makes: a count (of rows, or of children), a percentage of the rows
    that meet the measure (or of the rows' parts of their wholes), a rate per 10,000 children,
    an average number of days, or the average or largest of the rows' values."""
    items = counted.items
    count = counted.subjects if indicator.distinct_children else counted.rows
    fig = Figure(indicator, period, items, count=count)
    if indicator.unit == Unit.COUNT:
        fig.value = Decimal(count)
    elif indicator.unit == Unit.PERCENTAGE and any(i.base is not None for i in items):
        fig.numerator = sum((i.value or Decimal(0) for i in items), Decimal(0))
        fig.denominator = sum((i.base or Decimal(0) for i in items), Decimal(0))
        fig.value = _round(100 * fig.numerator / fig.denominator) if fig.denominator else None
    elif indicator.unit == Unit.PERCENTAGE:
        fig.denominator = counted.rows
        fig.numerator = counted.hits
        fig.value = _round(Decimal(100 * fig.numerator) / fig.denominator) if fig.denominator else None
    elif indicator.unit == Unit.RATE:
        fig.population = population
        fig.value = _round(Decimal(count * 10000) / population) if population else None
    elif indicator.unit in (Unit.AVERAGE, Unit.MAXIMUM):
        values = [i.value for i in items if i.value is not None]
        fig.count = len(values)
        if values:
            fig.value = (
                _round(sum(values, Decimal(0)) / len(values))
                if indicator.unit == Unit.AVERAGE
                else _round(max(values))
            )
    else:
        fig.count = counted.days
        fig.value = _round(Decimal(counted.days_sum) / counted.days, "1") if counted.days else None
    return fig


_WHILE_RUNNING: dict[Callable[[Period], Sequence[Item]], Callable[[Period], Sequence[Item]]] = {}


def as_at_today_while_running(
    items: Callable[[Period], Sequence[Item]],
) -> Callable[[Period], Sequence[Item]]:
    """The rows of an "as at the period's end" indicator, taken as at today while the period
    runs on: a count at 31 March to come would read every clock and every "in the last N
    months" window on a day not yet come (a PEP "this term" would look for the next four
    months). One reader per rows function, so indicators sharing rows still read them once."""
    if getattr(items, "while_running", False):
        return items
    if hasattr(items, "as_at_today_while_running"):  # rows that are one query (`counted`)
        return items.as_at_today_while_running()  # type: ignore[no-any-return]
    if items not in _WHILE_RUNNING:

        def read(period: Period) -> Sequence[Item]:
            day = counted_on(period)
            return items(replace(period, end=day) if period.start <= day < period.end else period)

        read.while_running = True  # type: ignore[attr-defined]
        _WHILE_RUNNING[items] = read
    return _WHILE_RUNNING[items]


@dataclass
class Catalogue:
    """Every indicator, in the order they are declared (adding one is one `declare`)."""

    indicators: dict[str, Indicator] = field(default_factory=dict)

    def declare(self, **fields: object) -> Indicator:
        if fields.get("as_at"):
            fields["items"] = as_at_today_while_running(fields["items"])  # type: ignore[arg-type]
        indicator = Indicator(**fields)  # type: ignore[arg-type]
        if hasattr(indicator.items, "tallies") and indicator.unit not in (
            Unit.COUNT,
            Unit.PERCENTAGE,
            Unit.RATE,
        ):
            # The database counts rows, children and hits (`counted.Counted`), not days or values.
            raise ValueError(
                f"Indicator {indicator.id}: rows counted by the database make counts and percentages"
            )
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
