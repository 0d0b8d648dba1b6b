"""The look-back periods of Ofsted's Annex A, as one pure function of the inspection date.

Ofsted asks for each list "in the six months before the inspection" (lists 1-8) or "in the
12 months before the inspection" (lists 10-11), plus, for lists 6-10, everyone still open at
the inspection date. The counts inside some lists (re-referrals, placements, missing
episodes, UASC) look back 12 months. Harbour reads "N months before D" as the calendar
date N months earlier, clamped to the end of a shorter month (31 August minus 6 months is
28 or 29 February), and treats every window as *inclusive at both ends*: a record dated
exactly on the first day of the window, or on the inspection date itself, is in.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the end of a short month."""
    index = day.year * 12 + (day.month - 1) - months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@dataclass(frozen=True)
class Window:
    """An inclusive date range [start, end]."""

    start: date
    end: date

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """A spell from `start` to `end` (None: still open) touches the window."""
        return start is not None and start <= self.end and (end is None or end >= self.start)


@dataclass(frozen=True)
class Periods:
    """Every window Annex A uses, for one inspection date (`as_of`)."""

    as_of: date
    six_months: Window  # lists 1-8: "in the six months before the inspection"
    twelve_months: Window  # lists 10-11, and the 12-month counts inside lists 3, 5 and 8

    def before(self, day: date, months: int = 12) -> Window:
        """The `months` before `day`, not counting `day` itself (re-referrals, previous s47s)."""
        return Window(months_before(day, months), date.fromordinal(day.toordinal() - 1))


def annex_a_periods(as_of: date) -> Periods:
    """The Annex A windows for an inspection on `as_of` (see the module docstring)."""
    return Periods(
        as_of=as_of,
        six_months=Window(months_before(as_of, 6), as_of),
        twelve_months=Window(months_before(as_of, 12), as_of),
    )
