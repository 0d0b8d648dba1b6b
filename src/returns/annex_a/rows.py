"""How the Annex A lists read their rows: a list's empty table, the records open in a window,
each child's latest record, and the child's latest visit while a record was open."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import DateField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least

from casework.models import Visit

from ..base import Table
from .context import Context
from .spec import COLUMNS

# Legal statuses of a series of short breaks: not looked after as lists 6 and 8 count it.
SHORT_BREAKS = frozenset({"V3", "V4"})


def new_table(name: str) -> Table:
    return Table(name=name, columns=list(COLUMNS[name]))


def open_in(window_start: date, end_field: str) -> Q:
    """Still open, or ended on or after the window's first day."""
    return Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": window_start})


def latest_per_child(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows ordered oldest first, keeping the last one per child (row[0] is the person id)."""
    latest: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        latest[row[0]] = row
    return sorted(latest.values(), key=lambda row: (row[1], row[2]))


def last_visit(ctx: Context, start: str, end: str, value: str = "visited_on", **filters: Any) -> Subquery:
    """The child's latest visit (`filters`) from the record's `start` to its `end`, or to the
    inspection date if it ended later or is open: one correlated subquery, not the history."""
    as_of = Value(ctx.as_of, output_field=DateField())
    visits = Visit.objects.filter(
        person_id=OuterRef("person_id"),
        visited_on__gte=OuterRef(start),
        visited_on__lte=Least(Coalesce(OuterRef(end), as_of), as_of),
        **filters,
    ).order_by("-visited_on", "-pk")
    return Subquery(visits.values(value)[:1])
