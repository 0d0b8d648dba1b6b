"""Small pieces the indicators' queries share."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from people.models import RecordStatus, RecordType

from ..periods import Period

# The children the CIN census counts: child records that are not merged into another.
CIN_CHILDREN = Q(person__record_type=RecordType.CHILD, person__record_status=RecordStatus.ACTIVE)


def within(field: str, period: Period) -> Q:
    """A date field in the period."""
    return Q(**{f"{field}__range": (period.start, period.end)})


def moments(period: Period) -> tuple[datetime, datetime]:
    """The period's first and last moment in local time, for date-time fields."""
    return (
        timezone.make_aware(datetime.combine(period.start, time.min)),
        timezone.make_aware(datetime.combine(period.end, time.max)),
    )


def local_day(field: str) -> TruncDate:
    """A date-time field's day in local time, read in the query (not row by row in Python)."""
    return TruncDate(field, tzinfo=timezone.get_current_timezone())


def open_on(day: date, start: str = "start_date", end: str = "end_date") -> Q:
    """Started by `day` and not ended on or before it: open at the end of `day` (a plan or an
    episode ending on 31 March is not open at 31 March, as the returns record it)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def overlaps(period: Period, start: str = "start_date", end: str = "end_date") -> Q:
    return Q(**{f"{start}__lte": period.end}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": period.start})
    )


def counted_on(period: Period) -> date:
    """The day a figure "as at" the period's end is taken on: its end, or today while the
    period runs on (a standard's clock cannot be read on a day not yet come: every worker would
    be overdue by then)."""
    return min(period.end, timezone.localdate())


def dmy(day: Any) -> str:
    """dd/mm/yyyy (formatted by hand: strftime is slow over a large authority's rows)."""
    return f"{day.day:02}/{day.month:02}/{day.year}" if day else ""


def known(day: date | None) -> date:
    """A date the query's own filter guarantees is recorded (a nullable column filtered on)."""
    if day is None:
        raise ValueError("A date the query filtered on is missing")
    return day
