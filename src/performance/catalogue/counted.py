"""Rows that are one query: an indicator's rows declared as a queryset, so that its figure can
be counted by the database and its rows listed from the same query.

A `Counted` is an indicator's rows function (`Indicator.items`) made of one definition: the
queryset of the period (`query`), annotated with the row's `subject` (the child's record),
the day it is `on` and whether it is a `hit`. Called with a period it lists the rows (for the
drill-down, the exports and a user's scope); `tallies` counts the same queryset in the
database (the rows, the children among them and the hits) for the figures of everyone's
rows, without making a row in Python: on a large authority that is the difference between
reading a year's contacts and counting them. One rule, one home: the list and the count are
the same queryset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import BaseExpression

from ..periods import Period
from .base import Item, Tally
from .query import counted_on


@dataclass(frozen=True)
class Counted:
    """An indicator's rows as one queryset. `query(period)` is annotated with `subject`, `on`
    and `hit`; the row's description (`what`) is made from its day and the further values
    `fields` names."""

    query: Callable[[Period], QuerySet[Any]]
    what: Callable[..., str]
    fields: tuple[str, ...] = ()
    while_running: bool = False  # an "as at" count, taken as at today while the period runs on

    def _period(self, period: Period) -> Period:
        if not self.while_running:
            return period
        day = counted_on(period)
        return replace(period, end=day) if period.start <= day < period.end else period

    def as_at_today_while_running(self) -> Counted:
        return self if self.while_running else replace(self, while_running=True)

    def __call__(self, period: Period) -> list[Item]:
        rows = self.query(self._period(period)).values_list("subject", "on", "hit", *self.fields)
        return [Item(subject, on, hit=hit, what=self.what(on, *more)) for subject, on, hit, *more in rows]

    def tallies(self, periods: Sequence[Period], split: bool) -> list[Tally]:
        """The tally of each period's rows, counted in the database: rows counted on their own
        date (`split`) in one query over the periods together, grouped by the period each row's
        date falls in (the periods must not overlap); others one query a period."""
        if not split or len(periods) < 2:
            return [_tally(self.query(self._period(p)).aggregate(**_COUNTS)) for p in periods]
        span = Period("span", min(p.start for p in periods), max(p.end for p in periods), "")
        slot = Case(
            *[When(on__range=(p.start, p.end), then=Value(n)) for n, p in enumerate(periods)],
            output_field=IntegerField(),
        )
        grouped = {
            row["slot"]: row
            for row in self.query(span).annotate(slot=slot).values("slot").annotate(**_COUNTS).order_by()
        }
        return [_tally(grouped.get(n, {})) for n in range(len(periods))]


def flag(condition: Q | BaseExpression) -> Case:
    """A condition as a row's `hit`: true or false (false, not unknown, where it reads a
    column with nothing recorded, as Python's comparison of the row's value is)."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


_COUNTS = {
    "rows": Count("pk"),
    "subjects": Count("subject", distinct=True),
    "hits": Count("pk", filter=Q(hit=True)),
}


def _tally(counts: dict[str, Any]) -> Tally:
    return Tally(
        rows=counts.get("rows") or 0, subjects=counts.get("subjects") or 0, hits=counts.get("hits") or 0
    )
