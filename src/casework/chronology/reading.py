"""Reading the chronology: every source's events merged, each once, hidden from users who may
not see restricted ones, curated by the workers' annotations and in date order (`collect`);
only the events with chosen keys (`find`, `latest_significant`); or how many (`count`)."""

import functools
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Coalesce

from accounts.models import User
from core.extensions import app_modules
from people.models import Person

from ..access import may_see_restricted
from ..models import ChronologyAnnotation
from ..providers import BUILT_IN
from .events import ChronologyEvent
from .sources import ChronologyModule, Source


def sources() -> list[Source[Any]]:
    """Every chronology source: installed apps' `chronology.SOURCES` (in INSTALLED_APPS
    order), then casework's for the foundation apps that declare none (people, workforce).
    Of two sources with the same label, the first is used."""
    modules = cast(tuple[ChronologyModule, ...], app_modules("chronology"))
    found: dict[str, Source[Any]] = {}
    for source in [s for module in modules for s in module.SOURCES] + list(BUILT_IN):
        found.setdefault(source.label, source)
    return list(found.values())


@dataclass
class Filters:
    """What the reader asked to see (all optional)."""

    date_from: date | None = None
    date_to: date | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
    significant_only: bool = False

    def keep(self, event: ChronologyEvent) -> bool:
        if self.date_from and event.day < self.date_from:
            return False
        if self.date_to and event.day > self.date_to:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        return not (self.significant_only and not event.significant)


def may_see(user: User, event: ChronologyEvent) -> bool:
    """Restricted events: seen by whoever recorded them, the users named on them and users
    allowed restricted casework (the rule of `casework.access.may_see_restricted`)."""
    if not event.restricted:
        return True
    return may_see_restricted(user, author_id=event.author_id, named_ids=event.readers)


def _sees_every_restricted_event(user: User | None) -> bool:
    """Whether `user` may see any restricted event, whoever recorded it and whoever it names."""
    return user is None or may_see_restricted(user, author_id=None)


def _visible(events: Iterable[ChronologyEvent], user: User | None) -> list[ChronologyEvent]:
    """Each event once (the first source to report a key wins), restricted ones only when
    `user` may see them (all of them when no user is given)."""
    seen: set[str] = set()
    kept = []
    for event in events:
        if event.source_key in seen:
            continue
        seen.add(event.source_key)
        if user is not None and not may_see(user, event):
            continue
        kept.append(event)
    return kept


def _curation(
    person_ids: Collection[int], keys: Collection[str] | None = None
) -> dict[str, ChronologyAnnotation]:
    """The current annotation of each curated key (the latest row; earlier ones are history):
    the one place an event's significance is decided."""
    rows = ChronologyAnnotation.objects.filter(person_id__in=list(person_ids))
    if keys is not None:
        rows = rows.filter(source_key__in=list(keys))
    latest: dict[str, ChronologyAnnotation] = {}
    for note in rows.select_related("recorded_by").order_by("recorded_at", "id"):
        latest[note.source_key] = note
    return latest


def _curated(
    events: Iterable[ChronologyEvent], latest: dict[str, ChronologyAnnotation]
) -> list[ChronologyEvent]:
    curated = []
    for event in events:
        current = latest.get(event.source_key)
        if current is not None:
            event = replace(
                event,
                significant=current.significant,
                impact=current.impact or event.impact,
                analysis=current.analysis,
                annotated_by=current.recorded_by.display_name,
                annotated_at=current.recorded_at,
            )
        curated.append(event)
    curated.sort(key=lambda e: e.sort_key)
    return curated


def collect(
    person_ids: Collection[int], *, user: User | None = None, filters: Filters | None = None
) -> list[ChronologyEvent]:
    """The merged, de-duplicated, curated chronology of these people, oldest first."""
    ids = list(person_ids)
    events = _visible((e for source in sources() for e in source.events(ids)), user)
    curated = _curated(events, _curation(ids))
    if filters is not None:
        curated = [e for e in curated if filters.keep(e)]
    return curated


def _keyed(
    person_ids: Collection[int], keys: Collection[str], *, own_significant: bool = False
) -> Iterator[ChronologyEvent]:
    """The events with these keys, building only their rows; with `own_significant`, also
    the events whose rows carry their own significance (manual entries marked significant)."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        label, _, rest = key.partition(":")
        number = rest.split(":", 1)[0]
        if number.isdigit():
            wanted.setdefault(label, set()).add(int(number))
    for source in sources():
        only = Q(**{f"{source.key}__in": sorted(wanted[source.label])}) if source.label in wanted else None
        if own_significant and source.significant:
            only = Q(**{source.significant: True}) if only is None else only | Q(**{source.significant: True})
        if only is None:
            continue
        for event in source.events(person_ids, only):
            if event.source_key in keys or (own_significant and event.significant):
                yield event


def latest_significant(
    person_ids: Collection[int], *, user: User | None = None, limit: int = 5
) -> list[ChronologyEvent]:
    """The `limit` latest significant events `user` may see, newest first: the significant
    tail of `collect()`, built from the curated events only (a few queries, however long
    the chronology)."""
    ids = list(person_ids)
    latest = _curation(ids)
    marked = {key for key, note in latest.items() if note.significant}
    events = _curated(_visible(_keyed(ids, marked, own_significant=True), user), latest)
    return [e for e in events if e.significant][-limit:][::-1]


@functools.cache
def _count_statement(
    counted: tuple[Source[Any], ...], people: int, split: bool
) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the one counting query for `people` people, compiled once per process:
    building and compiling its forty-odd subqueries costs far more than running it. The
    people's ids are its last parameters (the outer WHERE); checked when it is compiled."""
    columns: dict[str, Coalesce] = {}
    for number, source in enumerate(counted):
        for view, lookup in enumerate(source.lookups):
            if source.restricted and split:
                columns[f"s{number}_{view}"] = source.count(lookup, restricted=False)
                columns[f"r{number}_{view}"] = source.count(lookup, restricted=True)
            else:
                columns[f"s{number}_{view}"] = source.count(lookup)
    placeholders = [-(n + 1) for n in range(people)]
    query = Person.objects.filter(pk__in=placeholders).values(**columns).query
    sql, params = query.get_compiler(connection.alias).as_sql()
    if list(params[len(params) - people :]) != placeholders:
        raise RuntimeError("The chronology count's people are not its last parameters")
    return sql, tuple(params[: len(params) - people])


def count(person_ids: Collection[int], *, user: User | None = None) -> int:
    """How many events `collect(person_ids, user=user)` returns, counted in one query
    (restricted rows the user may not see by rank are built and checked one by one)."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return 0
    counted = tuple(sources())
    sql, params = _count_statement(counted, len(ids), not _sees_every_restricted_event(user))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids])
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    total = 0
    to_check: set[int] = set()
    for row in rows:
        for column, n in zip(names, row, strict=True):
            if column.startswith("s"):
                total += n
            elif n:
                to_check.add(int(column[1:].split("_")[0]))
    for number in sorted(to_check):
        source = counted[number]
        restricted = source.events(ids, Q(**{source.restricted: True}))
        total += len(_visible(restricted, user))
    return total


def find(person_id: int, source_key: str, *, user: User | None = None) -> ChronologyEvent | None:
    """One event of a person's chronology by its key, curated, if `user` may see it."""
    events = _visible(_keyed([person_id], {source_key}), user)
    curated = _curated(events, _curation([person_id], [source_key]))
    return next((e for e in curated if e.source_key == source_key), None)
