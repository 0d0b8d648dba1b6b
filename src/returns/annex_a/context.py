"""What every Annex A list shares: the child's common columns, disability, the allocated
team and worker on a date, and small helpers for "the latest thing on or before a date".

Everything is loaded with a handful of set-based queries and looked up in memory; nothing
here queries the database once per child.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from accounts.models import Team
from people.models import PersonDisability, RecordStatus
from workforce.models import Allocation, AllocationRole

from . import labels
from .periods import Periods

# The person columns every list query fetches, relative to the model's `person` relation.
PERSON_FIELDS = ("id", "la_child_id", "sex", "ethnicity", "date_of_birth")


def person_fields(prefix: str = "person__") -> tuple[str, ...]:
    return tuple(prefix + name for name in PERSON_FIELDS)


def active(prefix: str = "person__") -> Q:
    """Only live records: a merged duplicate's history has been moved to the survivor."""
    return Q(**{prefix + "record_status": RecordStatus.ACTIVE})


def age_on(born: date | None, on: date) -> int | None:
    """Whole years of age on `on`; None when the date of birth is unknown or later."""
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def local_date(moment: datetime, zone: tzinfo | None = None) -> date:
    """The date of an aware `moment` in `zone` (by default the current time zone, as
    `timezone.localtime`); a caller converting many moments passes the zone once."""
    return moment.astimezone(zone or timezone.get_current_timezone()).date()


def shown(day: date | None, as_of: date) -> date | None:
    """A date that has happened by the inspection date; later (or no) dates are left empty."""
    return day if day is not None and day <= as_of else None


def worker_name(first: str | None, last: str | None) -> str | None:
    name = " ".join(part for part in (first, last) if part)
    return name or None


class Dated:
    """Dated values per key, for "the latest on or before day" and "how many in a window"."""

    def __init__(self, rows: Iterable[tuple[Any, date, Any]]) -> None:
        by_key: dict[Any, list[tuple[date, Any]]] = defaultdict(list)
        for key, day, value in rows:
            if day is not None:
                by_key[key].append((day, value))
        self._dates: dict[Any, list[date]] = {}
        self._values: dict[Any, list[Any]] = {}
        for key, items in by_key.items():
            items.sort(key=lambda item: item[0])
            self._dates[key] = [d for d, _ in items]
            self._values[key] = [v for _, v in items]

    def latest(self, key: Any, on: date, since: date | None = None) -> tuple[date, Any] | None:
        """The last (date, value) on or before `on` (and not before `since`)."""
        dates = self._dates.get(key)
        if not dates:
            return None
        i = bisect.bisect_right(dates, on) - 1
        if i < 0 or (since is not None and dates[i] < since):
            return None
        return dates[i], self._values[key][i]

    def values(self, key: Any) -> Sequence[tuple[date, Any]]:
        return list(zip(self._dates.get(key, []), self._values.get(key, []), strict=True))


@dataclass
class Context:
    """Lookups shared by the lists, loaded once per build."""

    periods: Periods
    disabled: set[int] = field(default_factory=set)
    _allocations: dict[tuple[int, str], list[tuple[date, date | None, int, str | None, str | None]]] = field(
        default_factory=dict
    )

    @property
    def as_of(self) -> date:
        return self.periods.as_of

    @classmethod
    def load(cls, periods: Periods) -> Context:
        ctx = cls(periods=periods)
        ctx.disabled = set(
            PersonDisability.objects.exclude(code="NONE").values_list("person_id", flat=True).distinct()
        )
        ctx._load_allocations()
        return ctx

    def _load_allocations(self) -> None:
        """Social worker and personal adviser allocations that could be in force on any
        date an Annex A row is "as at" (from the start of the six-month window)."""
        rows = (
            Allocation.objects.filter(
                role__in=[AllocationRole.SOCIAL_WORKER, AllocationRole.PERSONAL_ADVISER],
                start_date__lte=self.as_of,
            )
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.periods.six_months.start))
            .values_list("person_id", "role", "start_date", "end_date", "pk", "team_id", "worker_id")
        )
        # Team and worker names once each (a few hundred), not joined onto every allocation.
        teams = dict(Team.objects.values_list("pk", "name"))
        workers = {
            pk: worker_name(first, last)
            for pk, first, last in get_user_model().objects.values_list("pk", "first_name", "last_name")
        }
        found: dict[tuple[int, str], list[tuple[date, date | None, int, str | None, str | None]]] = (
            defaultdict(list)
        )
        for person_id, role, start, end, pk, team_id, worker_id in rows:
            found[(person_id, role)].append((start, end, pk, teams.get(team_id), workers.get(worker_id)))
        for spells in found.values():
            spells.sort(key=lambda s: (s[0], s[2]))
        self._allocations = dict(found)

    def allocated(self, person_id: int, on: date, role: str = AllocationRole.SOCIAL_WORKER) -> list[Any]:
        """[team, worker] of the allocation of `role` in force on `on` (the latest to start)."""
        for start, end, _pk, team, worker in reversed(self._allocations.get((person_id, role), [])):
            if start <= on and (end is None or end >= on):
                return [team, worker]
        return [None, None]

    def common(self, person: Sequence[Any]) -> list[Any]:
        """The five columns every child list starts with, from a `PERSON_FIELDS` tuple."""
        _pk, child_id, sex, ethnicity, born = person
        return [
            child_id,
            labels.label(labels.SEX, sex),
            labels.label(labels.ETHNICITY, ethnicity),
            born,
            age_on(born, self.as_of),
        ]

    def disability(self, person_id: int) -> str:
        return labels.YES if person_id in self.disabled else labels.NO
