"""The periods an indicator is counted over: pure date arithmetic, no database.

A period is a closed range of dates `[start, end]`. An "as at" figure is the period of one
day. The collection year ending 31 March `year` runs from 1 April `year - 1`; its quarters
are April–June (1), July–September (2), October–December (3) and January–March (4).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    kind: str  # "year" | "quarter" | "month" | "rolling" | "as_at"
    start: date
    end: date
    label: str

    @property
    def key(self) -> str:
        """The period as it is written in a page address (`parse` reads it back)."""
        if self.kind == "year":
            return f"year:{self.end.year}"
        if self.kind == "quarter":
            return f"quarter:{self.end.year if self.end.month <= 3 else self.end.year + 1}-{quarter_number(self.start)}"
        if self.kind == "month":
            return f"month:{self.start:%Y-%m}"
        return f"{self.kind}:{self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one (for direction of travel)."""
        if self.kind == "year":
            return collection_year(self.end.year - 1)
        if self.kind == "quarter":
            return ending_quarter(self.start - timedelta(days=1))
        if self.kind == "month":
            before = self.start - timedelta(days=1)
            return month(before.year, before.month)
        if self.kind == "rolling":
            return rolling_12_months(add_months(self.end, -12))
        return as_at(self.end - timedelta(days=1))


def collection_year_ending(day: date) -> int:
    """The collection year (named by the March it ends in) that holds `day`."""
    return day.year + 1 if day.month >= 4 else day.year


def collection_year(year: int) -> Period:
    """1 April `year - 1` to 31 March `year`."""
    return Period("year", date(year - 1, 4, 1), date(year, 3, 31), f"{year - 1}–{str(year)[2:]}")


def quarter_number(day: date) -> int:
    return ((day.month - 4) % 12) // 3 + 1


def quarter(year: int, number: int) -> Period:
    """Quarter 1–4 of the collection year ending 31 March `year`."""
    if number not in (1, 2, 3, 4):
        raise ValueError("A quarter is 1, 2, 3 or 4")
    first_month = 4 + (number - 1) * 3
    start_year = year - 1 if first_month <= 12 else year
    first_month = (first_month - 1) % 12 + 1
    start = date(start_year, first_month, 1)
    end = add_months(start, 3) - timedelta(days=1)
    return Period("quarter", start, end, f"Q{number} {year - 1}–{str(year)[2:]}")


def ending_quarter(day: date) -> Period:
    """The collection-year quarter that holds `day`."""
    return quarter(collection_year_ending(day), quarter_number(day))


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(
        "month", date(year, number, 1), date(year, number, last), date(year, number, 1).strftime("%B %Y")
    )


def rolling_12_months(end: date) -> Period:
    """The 12 months ending on `end` (a year's worth of days: the day after the same date a year before)."""
    return Period("rolling", add_months(end, -12) + timedelta(days=1), end, f"12 months to {end:%-d %B %Y}")


def as_at(day: date) -> Period:
    return Period("as_at", day, day, f"At {day:%-d %B %Y}")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), at the month's end when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month_index = divmod(index, 12)
    last = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last))


def trend_months(end: date, count: int = 13) -> list[Period]:
    """The `count` calendar months ending with the month holding `end`, oldest first."""
    first = add_months(date(end.year, end.month, 1), -(count - 1))
    return [month(add_months(first, i).year, add_months(first, i).month) for i in range(count)]


def parse(text: str, today: date) -> Period:
    """A period from its address form (`year:2027`, `quarter:2027-2`, `month:2026-05`,
    `rolling:2026-06-30`, `as_at:2026-06-30`); the current collection year when blank.
    Raises ValueError on anything else."""
    if not text:
        return collection_year(collection_year_ending(today))
    kind, _, value = text.partition(":")
    if kind == "year":
        return collection_year(int(value))
    if kind == "quarter":
        year, _, number = value.partition("-")
        return quarter(int(year), int(number))
    if kind == "month":
        year, _, number = value.partition("-")
        return month(int(year), int(number))
    if kind == "rolling":
        return rolling_12_months(date.fromisoformat(value))
    if kind == "as_at":
        return as_at(date.fromisoformat(value))
    raise ValueError(f"Unknown period {text!r}")
