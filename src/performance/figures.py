"""Figures for periods: the population a rate divides by, the whole catalogue for a period,
targets with their RAG status, direction of travel and the England comparators."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from operator import attrgetter
from pathlib import Path

from django.conf import settings

from .catalogue import CATALOGUE, Figure, Indicator, Item, Polarity, figure_from
from .catalogue.base import Tally, figure_of, tally
from .catalogue.counted import Counted
from .models import ChildPopulation, ComparatorKind, LoadedComparator, Target
from .periods import Period, collection_year_ending

REFERENCE = Path(__file__).resolve().parent / "reference" / "england.json"


def population_for(period: Period, recorded: Sequence[tuple[int, int]] | None = None) -> int:
    """Children aged 0–17 for the collection year holding the period's end: the year's recorded
    figure, else the latest earlier one, else the earliest recorded, else the deployment's
    setting. `recorded` is every (year, population) row, when the caller has read them."""
    if recorded is None:
        recorded = list(ChildPopulation.objects.order_by("year").values_list("year", "population"))
    year = collection_year_ending(period.end)
    earlier = [population for recorded_year, population in recorded if recorded_year <= year]
    if earlier:
        return earlier[-1]
    return recorded[0][1] if recorded else int(settings.HARBOUR_AUTHORITY["child_population"])


def compute(indicator: Indicator, period: Period, population: int | None = None) -> Figure:
    if population is None:
        population = population_for(period)
    return figure_from(indicator, period, indicator.items(period), population)


def compute_all(period: Period) -> dict[str, Figure]:
    """Every indicator for the period. Indicators that share their rows (a count and its rate)
    run the query once; rows that are one query are counted in the database (`read_tallies`)."""
    population = population_for(period)
    tallies = read_tallies(list(CATALOGUE.indicators.values()), [period])
    return {
        indicator.id: figure_of(indicator, period, tallies[indicator.items][0], population)
        for indicator in CATALOGUE.indicators.values()
    }


def read_tallies(indicators: Sequence[Indicator], periods: Sequence[Period]) -> dict[object, list[Tally]]:
    """Each distinct rows function's tally for each of the periods (which must not overlap),
    keyed by the function: counted in the database where the rows are one query (`Counted`:
    the same query the drill-down lists), else tallied from the rows read (`read_rows`)."""
    out: dict[object, list[Tally]] = {}
    rest = []
    for indicator in indicators:
        if indicator.items in out:
            continue
        if isinstance(indicator.items, Counted):
            out[indicator.items] = indicator.items.tallies(periods, indicator.splits_by_date)
        else:
            out[indicator.items] = []
            rest.append(indicator)
    for key, lists in read_rows(rest, periods).items():
        out[key] = [tally(found) for found in lists]
    return out


def split_by_date(items: list[Item], periods: Sequence[Period]) -> list[list[Item]]:
    """The rows in each of the periods, by their dates (sorted once, each period a slice)."""
    ordered = sorted(items, key=attrgetter("on"))
    days = [i.on for i in ordered]
    return [ordered[bisect_left(days, p.start) : bisect_right(days, p.end)] for p in periods]


def read_rows(indicators: Sequence[Indicator], periods: Sequence[Period]) -> dict[object, list[list[Item]]]:
    """Each distinct rows function's rows for each of the periods, keyed by the function.
    Rows counted on their own date are read once over the periods' whole span and split by
    date (a period and the one before it, or 13 months, are one query each); "as at" rows,
    and rows whose cohort depends on the whole period, are read period by period."""
    span = Period("span", min(p.start for p in periods), max(p.end for p in periods), "")
    read: dict[object, list[list[Item]]] = {}
    for indicator in indicators:
        if indicator.items in read:
            continue
        if indicator.splits_by_date and len(periods) > 1:
            read[indicator.items] = split_by_date(list(indicator.items(span)), periods)
        else:
            read[indicator.items] = [list(indicator.items(p)) for p in periods]
    return read


def monthly(
    indicators: Sequence[Indicator],
    months: Sequence[Period],
    keep: Callable[[Indicator, list[Item]], list[Item]] | None = None,
    read: dict[object, list[list[Item]]] | None = None,
) -> dict[str, list[Figure]]:
    """Each indicator's figure for each month, of the rows `keep` keeps of each indicator's (a
    user's scope; `drill.keeping`).
    Rows counted on their own date are read once for all the months together and split by
    date; "as at" figures are read month by month. `read`: the rows, when the caller has
    read them (`read_rows`) with other periods."""
    recorded = list(ChildPopulation.objects.order_by("year").values_list("year", "population"))
    populations = [population_for(m, recorded) for m in months]
    if read is None and keep is None:  # everyone's rows: counted where they can be
        tallies = read_tallies(indicators, months)
        return {
            indicator.id: [
                figure_of(indicator, m, counted, population)
                for m, counted, population in zip(months, tallies[indicator.items], populations, strict=True)
            ]
            for indicator in indicators
        }
    if read is None:
        read = read_rows(indicators, months)
    first: dict[
        object, Indicator
    ] = {}  # the first indicator of each rows function, whose subject `keep` reads
    for indicator in indicators:
        first.setdefault(indicator.items, indicator)
    kept = {
        function: [keep(first[function], found) if keep else found for found in lists]
        for function, lists in read.items()
        if function in first
    }
    out: dict[str, list[Figure]] = {}
    for indicator in indicators:
        out[indicator.id] = [
            figure_from(indicator, m, found, population)
            for m, found, population in zip(months, kept[indicator.items], populations, strict=True)
        ]
    return out


def current_targets() -> dict[str, Target]:
    """The target in force for each indicator: the latest one set."""
    found: dict[str, Target] = {}
    for target in Target.objects.select_related("set_by").order_by("indicator_id", "-set_at", "-id"):
        found.setdefault(target.indicator_id, target)
    return found


def rag(indicator: Indicator, value: Decimal | None, target: Target | None) -> str:
    """ "green" at or better than target, "amber" within the tolerance band, else "red"; "" when
    there is no value, no target or no better direction."""
    if value is None or target is None or indicator.polarity == Polarity.NEUTRAL:
        return ""
    short = target.target - value if indicator.polarity == Polarity.HIGHER else value - target.target
    if short <= 0:
        return "green"
    return "amber" if short <= target.tolerance else "red"


def direction(indicator: Indicator, now: Decimal | None, before: Decimal | None) -> str:
    """ "improving", "worsening", "same" or "up"/"down" for measures with no better direction."""
    if now is None or before is None:
        return ""
    if now == before:
        return "same"
    up = now > before
    if indicator.polarity == Polarity.NEUTRAL:
        return "up" if up else "down"
    return "improving" if up == (indicator.polarity == Polarity.HIGHER) else "worsening"


@dataclass(frozen=True)
class Comparator:
    value: Decimal
    year: str
    source: str
    kind: str = ComparatorKind.ENGLAND
    area: str = ""

    @property
    def label(self) -> str:
        return ComparatorKind(self.kind).label


@cache
def _reference() -> dict[str, object]:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def comparators() -> dict[str, dict[str, Comparator]]:
    """Each indicator's comparators by kind (England, region, statistical neighbours): the
    England figures shipped with Harbour (`reference/england.json`), and the latest of each
    kind the authority loaded from the DfE's files (an England figure loaded takes the place
    of the one shipped). One query."""
    figures = _reference()["figures"]
    assert isinstance(figures, dict)
    found: dict[str, dict[str, Comparator]] = {
        key: {ComparatorKind.ENGLAND: Comparator(Decimal(str(f["value"])), str(f["year"]), str(f["source"]))}
        for key, f in figures.items()
    }
    loaded: set[tuple[str, str]] = set()
    for row in LoadedComparator.objects.order_by("indicator_id", "-loaded_at", "-id"):
        if (row.indicator_id, row.kind) not in loaded:
            loaded.add((row.indicator_id, row.kind))
            value = Decimal(f"{row.value:f}".rstrip("0").rstrip("."))  # as published: 52.1, not 52.10
            found.setdefault(row.indicator_id, {})[row.kind] = Comparator(
                value, row.year, row.source, row.kind, row.area
            )
    return found


def others(held: dict[str, Comparator] | None) -> list[Comparator]:
    """An indicator's region and statistical neighbours comparators, in that order."""
    order = [ComparatorKind.REGION, ComparatorKind.NEIGHBOURS]
    return [held[k] for k in order if held and k in held]


def reference_version() -> str:
    return str(_reference()["version"])
