"""Reading an England figure from a CSV file the DfE publishes (explore-education-statistics
open data): the row for England (`geographic_level` National) of the latest `time_period`,
in the column the user names. Pure: no database."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class UnreadableFile(ValueError):
    """The file is not a DfE open data CSV with that column, or holds no England figure in it."""


@dataclass(frozen=True)
class EnglandFigure:
    value: Decimal
    time_period: str


def england_figure(content: bytes, column: str) -> EnglandFigure:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("The file is not a CSV file in UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    missing = {"time_period", "geographic_level", column} - fields
    if missing:
        raise UnreadableFile(f"The file has no column {', '.join(sorted(missing))}")
    best: EnglandFigure | None = None
    for row in reader:
        if row["geographic_level"] != "National":
            continue
        try:
            value = Decimal(row[column].strip())
        except (InvalidOperation, AttributeError):
            continue  # suppressed ("c", "x", "z") or blank
        if best is None or row["time_period"] > best.time_period:
            best = EnglandFigure(value, row["time_period"])
    if best is None:
        raise UnreadableFile(f"The file has no England figure in {column}")
    return best
