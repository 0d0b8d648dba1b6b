"""Figures for periods: the population a rate divides by, the whole catalogue for a period,
targets with their RAG status, direction of travel and the England comparators."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings

from .catalogue import CATALOGUE, Figure, Indicator, Item, Polarity, figure_from
from .models import ChildPopulation, LoadedComparator, Target
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
    run the query once."""
    population = population_for(period)
    rows: dict[object, list] = {}
    out = {}
    for indicator in CATALOGUE.indicators.values():
        if indicator.items not in rows:
            rows[indicator.items] = list(indicator.items(period))
        out[indicator.id] = figure_from(indicator, period, rows[indicator.items], population)
    return out


def monthly(
    indicators: Sequence[Indicator],
    months: Sequence[Period],
    keep: Callable[[Indicator, list[Item]], list[Item]] | None = None,
) -> dict[str, list[Figure]]:
    """Each indicator's figure for each month, of the rows `keep` keeps of each indicator's (a
    user's scope; `drill.keeping`).
    Rows counted on their own date are read once for all the months together and split by
    date; "as at" figures are read month by month."""
    span = Period("span", months[0].start, months[-1].end, "")
    recorded = list(ChildPopulation.objects.order_by("year").values_list("year", "population"))
    populations = [population_for(m, recorded) for m in months]
    read: dict[object, list[list[Item]]] = {}
    out: dict[str, list[Figure]] = {}
    for indicator in indicators:
        if indicator.items not in read:

            def kept(items: list[Item], indicator: Indicator = indicator) -> list[Item]:
                return keep(indicator, items) if keep else items

            if indicator.splits_by_date:
                everything = kept(list(indicator.items(span)))
                read[indicator.items] = [[i for i in everything if m.contains(i.on)] for m in months]
            else:
                read[indicator.items] = [kept(list(indicator.items(m))) for m in months]
        out[indicator.id] = [
            figure_from(indicator, m, found, population)
            for m, found, population in zip(months, read[indicator.items], populations, strict=True)
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


@cache
def _reference() -> dict[str, object]:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def england() -> dict[str, Comparator]:
    """The England figures: those shipped with Harbour (`reference/england.json`), each
    replaced by the latest the authority loaded from the DfE's files."""
    data = _reference()
    figures = data["figures"]
    assert isinstance(figures, dict)
    found = {
        key: Comparator(Decimal(str(f["value"])), str(f["year"]), str(f["source"]))
        for key, f in figures.items()
    }
    loaded: set[str] = set()
    for row in LoadedComparator.objects.order_by("indicator_id", "-loaded_at", "-id"):
        if row.indicator_id not in loaded:
            loaded.add(row.indicator_id)
            value = Decimal(f"{row.value:f}".rstrip("0").rstrip("."))  # as published: 52.1, not 52.10
            found[row.indicator_id] = Comparator(value, row.year, row.source)
    return found


def reference_version() -> str:
    return str(_reference()["version"])
