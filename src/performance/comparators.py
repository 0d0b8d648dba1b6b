"""Reading a comparator from a CSV file the DfE publishes (explore-education-statistics open
data), in the column the user names, for the latest `time_period` in the file:

- England: the row whose `geographic_level` is National;
- a region: the Regional row whose `region_name` is the region named;
- statistical neighbours: the mean of the Local authority rows whose `la_name` is one of
  the neighbours named (those with a published figure that year; suppressed ones are left
  out), to one decimal place.

Pure: no database."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ENGLAND, REGION, NEIGHBOURS = "ENGLAND", "REGION", "NEIGHBOURS"  # models.ComparatorKind's values


class UnreadableFile(ValueError):
    """The file is not a DfE open data CSV with that column, or holds no figure for the area."""


@dataclass(frozen=True)
class PublishedFigure:
    value: Decimal
    time_period: str
    areas: int = 1  # how many areas' figures it is (the neighbours found)


def _rows(content: bytes, needed: set[str]) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("The file is not a CSV file in UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = needed - set(reader.fieldnames or [])
    if missing:
        raise UnreadableFile(f"The file has no column {', '.join(sorted(missing))}")
    return list(reader)


def _value(text: str | None) -> Decimal | None:
    try:
        return Decimal((text or "").strip())
    except InvalidOperation:
        return None  # suppressed ("c", "x", "z", "u") or blank


def _norm(name: str) -> str:
    return " ".join(name.replace("&", "and").lower().split())


def published_figure(
    content: bytes, column: str, kind: str = ENGLAND, areas: Sequence[str] = ()
) -> PublishedFigure:
    """The latest figure in `column` for England, for the region named in `areas`, or the
    mean of the statistical neighbours named in `areas`."""
    wanted = {_norm(a) for a in areas if a.strip()}
    if kind != ENGLAND and not wanted:
        raise UnreadableFile("Name the region or the statistical neighbours")
    level, name = {
        ENGLAND: ("National", ""),
        REGION: ("Regional", "region_name"),
        NEIGHBOURS: ("Local authority", "la_name"),
    }[kind]
    needed = {"time_period", "geographic_level", column} | ({name} if name else set())
    by_year: dict[str, list[Decimal]] = defaultdict(list)
    for row in _rows(content, needed):
        if row["geographic_level"] != level or (name and _norm(row[name]) not in wanted):
            continue
        value = _value(row[column])
        if value is not None:
            by_year[row["time_period"]].append(value)
    if not by_year:
        where = {ENGLAND: "England", REGION: "that region", NEIGHBOURS: "those local authorities"}[kind]
        raise UnreadableFile(f"The file has no figure for {where} in {column}")
    year = max(by_year)
    values = by_year[year]
    if len(values) == 1:
        return PublishedFigure(values[0], year)
    mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return PublishedFigure(mean, year, len(values))
