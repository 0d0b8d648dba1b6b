"""The chronology: every significant event in a child's life that Harbour holds, in order.

Extension point: any installed app may provide `<app>/chronology.py` with

    def events(person_ids: Collection[int]) -> Iterable[ChronologyEvent]

returning the events its models hold for those people (a few set-based queries, never one
per child). `collect()` merges every provider's events, drops duplicates by `source_key`
(the first provider wins, so an app that later ships its own provider for a model the
built-in providers cover does not double-report), applies the workers' curation
(`ChronologyAnnotation`) and sorts by date. See docs/workflows/chronology.md.
"""

import functools
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone


class Kind:
    """The fixed list of chronology categories (a provider uses one of these)."""

    CONTACT = "contact"
    REFERRAL = "referral"
    DECISION = "decision"
    ASSESSMENT = "assessment"
    STRATEGY = "strategy"
    S47 = "s47"
    CONFERENCE = "conference"
    PLAN = "plan"
    VISIT = "visit"
    PLACEMENT = "placement"
    REVIEW = "review"
    HEALTH = "health"
    EDUCATION = "education"
    MISSING = "missing"
    COURT = "court"
    ALLOCATION = "allocation"
    IDENTITY = "identity"
    FAMILY = "family"
    ALERT = "alert"
    NOTE = "note"
    VOICE = "voice"
    DOCUMENT = "document"
    SUPERVISION = "supervision"
    AUDIT = "audit"
    PARTNER_EVENT = "partner_event"


KIND_LABELS: dict[str, str] = {
    Kind.CONTACT: "Contact",
    Kind.REFERRAL: "Referral",
    Kind.DECISION: "Decision",
    Kind.ASSESSMENT: "Assessment",
    Kind.STRATEGY: "Strategy discussion",
    Kind.S47: "Section 47 enquiry",
    Kind.CONFERENCE: "Conference",
    Kind.PLAN: "Plan",
    Kind.VISIT: "Visit",
    Kind.PLACEMENT: "Placement or move",
    Kind.REVIEW: "Review",
    Kind.HEALTH: "Health",
    Kind.EDUCATION: "Education",
    Kind.MISSING: "Missing episode",
    Kind.COURT: "Court",
    Kind.ALLOCATION: "Worker allocation",
    Kind.IDENTITY: "Identity and address",
    Kind.FAMILY: "Family and network",
    Kind.ALERT: "Alert",
    Kind.NOTE: "Case note",
    Kind.VOICE: "Child's wishes and feelings",
    Kind.DOCUMENT: "Document",
    Kind.SUPERVISION: "Supervision and management direction",
    Kind.AUDIT: "Case audit",
    Kind.PARTNER_EVENT: "Reported by a partner agency",
}
KINDS = frozenset(KIND_LABELS)


@dataclass(frozen=True)
class ChronologyEvent:
    """One event in a person's chronology, as a provider reports it."""

    person_id: int
    occurred_on: date | datetime
    kind: str
    title: str
    summary: str
    source: str  # "app_label.Model"
    source_key: str  # "app_label.Model:pk[:suffix]" - stable; curation attaches to it
    link: str = ""
    restricted: bool = False
    author_id: int | None = None  # who recorded it: may see it even when restricted
    readers: frozenset[int] = frozenset()  # users named on it: may see it even when restricted
    # Filled in by collect(), not by providers:
    curated: bool = False  # a manual entry (ChronologyEntry) rather than automatic
    significant: bool = False
    impact: str = ""
    analysis: str = ""
    agency: str = ""
    annotated_by: str = ""
    annotated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chronology kind {self.kind!r}")

    @property
    def day(self) -> date:
        when = self.occurred_on
        if isinstance(when, datetime):
            return timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
        return when

    @property
    def sort_key(self) -> tuple[date, int, str, str]:
        """Date order; a birth comes first on its day; then time of day where known."""
        when = self.occurred_on
        clock = (
            timezone.localtime(when).strftime("%H%M%S")
            if isinstance(when, datetime) and timezone.is_aware(when)
            else ""
        )
        return (self.day, 0 if self.source_key.endswith(":born") else 1, clock, self.source_key)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def source_label(self) -> str:
        """Where it is recorded, in words ("Person record", "Visit", "Referral")."""
        return source_label(self.source)


def source_label(source: str) -> str:
    from django.apps import apps

    try:
        model = apps.get_model(source)
    except (LookupError, ValueError):
        return source
    name = str(model._meta.verbose_name)
    return "Person record" if source == "people.Person" else name[:1].upper() + name[1:]


Build = Callable[[Any, frozenset[int]], Iterable[ChronologyEvent]]


@dataclass(frozen=True)
class Source:
    """One kind of record's events: a provider declares one `Source` per model it reports.

    `build(rows, person_ids)` turns the rows (a queryset of `model`, or of `label` when no
    `model` is given) into events whose `source` is `label` and whose `source_key` starts
    `"<label>:<the row's key field>"`. The rest describes the rows as queries, so the
    chronology can count events and fetch chosen keys in SQL without building the others:

    - `person`: the lookup (or lookups, one per point of view) from a row to its person;
    - `where`: the rows that are events at all (e.g. final case notes only);
    - `per_row` and `extra`: every row yields `per_row` events, plus one for each `extra`
      condition it meets (a plan that ended yields "started" and "ended");
    - `key`: the field whose value follows the label in the key (`pk`, or the contact of a
      contact's link to one child);
    - `restricted`: a boolean field marking rows only some users may see
      (`casework.access.may_see_restricted`, applied to the built events);
    - `significant`: a boolean field holding the row's own curation (manual entries only;
      every other event's significance lives in `ChronologyAnnotation`).
    """

    label: str
    build: Build
    person: str | tuple[str, ...] = "person"
    where: Q = field(default_factory=Q)
    per_row: int = 1
    extra: tuple[Q, ...] = ()
    key: str = "pk"
    model: str = ""
    select: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    restricted: str = ""
    significant: str = ""

    @property
    def lookups(self) -> tuple[str, ...]:
        return (self.person,) if isinstance(self.person, str) else self.person

    def _queryset(self) -> QuerySet[Any]:
        from django.apps import apps

        return apps.get_model(self.model or self.label)._default_manager.filter(self.where)

    def events(self, person_ids: Collection[int], only: Q | None = None) -> Iterable[ChronologyEvent]:
        """The events of these people's rows (of the rows matching `only`, when given)."""
        ids = frozenset(person_ids)
        mine = Q()
        for lookup in self.lookups:
            mine |= Q(**{f"{lookup}__in": ids})
        rows = self._queryset().filter(mine)
        if only is not None:
            rows = rows.filter(only)
        if self.select:
            rows = rows.select_related(*self.select)
        if self.prefetch:
            rows = rows.prefetch_related(*self.prefetch)
        return self.build(rows, ids)

    def count(self, lookup: str, restricted: bool | None = None) -> Coalesce:
        """How many events the rows of the outer query's person yield (a subquery), seen
        from `lookup`; only restricted (or unrestricted) rows when `restricted` is given."""
        rows = self._queryset().filter(**{lookup: OuterRef("pk")})
        if restricted is not None:
            rows = rows.filter(**{self.restricted: restricted})
        n: Any = Count("pk") * self.per_row if self.per_row != 1 else Count("pk")
        for condition in self.extra:
            n = n + Count("pk", filter=condition)
        events = rows.order_by().values(lookup).annotate(n=n).values("n")[:1]
        return Coalesce(Subquery(events, output_field=IntegerField()), 0)


def sources() -> list[Source]:
    """Every chronology source: installed apps' `chronology.SOURCES`, then the built-in
    ones for the foundation apps (people, workforce). When two declare the same label the
    first wins, so an app that ships its own source for a model covered elsewhere does not
    double-report."""
    from core.extensions import app_modules

    from .providers import BUILT_IN

    found: dict[str, Source] = {}
    for source in [s for module in app_modules("chronology") for s in module.SOURCES] + list(BUILT_IN):
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


def may_see(user: Any, event: ChronologyEvent) -> bool:
    """Restricted events: seen by whoever recorded them, the users named on them and users
    allowed restricted casework (the rule of `casework.access.may_see_restricted`)."""
    from .access import may_see_restricted

    if not event.restricted:
        return True
    return may_see_restricted(user, author_id=event.author_id, named_ids=event.readers)


def _sees_every_restricted_event(user: Any) -> bool:
    """Whether `user` may see any restricted event, whoever recorded it and whoever it names."""
    from .access import may_see_restricted

    return user is None or may_see_restricted(user, author_id=None)


def _visible(events: Iterable[ChronologyEvent], user: Any) -> list[ChronologyEvent]:
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


def _curation(person_ids: Collection[int], keys: Collection[str] | None = None) -> dict[str, Any]:
    """The current annotation of each curated key (the latest row; earlier ones are history):
    the one place an event's significance is decided."""
    from .models import ChronologyAnnotation

    rows = ChronologyAnnotation.objects.filter(person_id__in=list(person_ids))
    if keys is not None:
        rows = rows.filter(source_key__in=list(keys))
    latest: dict[str, ChronologyAnnotation] = {}
    for note in rows.select_related("recorded_by").order_by("recorded_at", "id"):
        latest[note.source_key] = note
    return latest


def _curated(events: Iterable[ChronologyEvent], latest: dict[str, Any]) -> list[ChronologyEvent]:
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
    person_ids: Collection[int], *, user: Any = None, filters: Filters | None = None
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
    person_ids: Collection[int], *, user: Any = None, limit: int = 5
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
def _count_statement(counted: tuple[Source, ...], people: int, split: bool) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the one counting query for `people` people, compiled once per process:
    building and compiling its forty-odd subqueries costs far more than running it. The
    people's ids are its last parameters (the outer WHERE); checked when it is compiled."""
    from people.models import Person

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


def count(person_ids: Collection[int], *, user: Any = None) -> int:
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


def find(person_id: int, source_key: str, *, user: Any = None) -> ChronologyEvent | None:
    """One event of a person's chronology by its key, curated, if `user` may see it."""
    events = _visible(_keyed([person_id], {source_key}), user)
    curated = _curated(events, _curation([person_id], [source_key]))
    return next((e for e in curated if e.source_key == source_key), None)


# --- casework's own sources ----------------------------------------------------------------


def _visits(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for visit in rows:
        seen = "seen alone" if visit.seen_alone else ("seen" if visit.child_seen else "not seen")
        yield ChronologyEvent(
            person_id=visit.person_id,
            occurred_on=visit.visited_on,
            kind=Kind.VISIT,
            title=visit.get_kind_display(),
            summary=f"{visit.get_kind_display()} by {visit.worker.display_name}; child {seen}.",
            source="casework.Visit",
            source_key=f"casework.Visit:{visit.pk}",
        )


def _notes(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for note in rows:
        yield ChronologyEvent(
            person_id=note.person_id,
            occurred_on=note.occurred_on,
            kind=Kind.SUPERVISION if note.kind == "MANAGEMENT_OVERSIGHT" else Kind.NOTE,
            title=f"Case note: {note.get_kind_display().lower()}",
            summary=(note.title or note.body.split("\n", 1)[0])[:200],
            source="casework.CaseNote",
            source_key=f"casework.CaseNote:{note.pk}",
            link=reverse("casework:note_detail", args=[note.pk]),
            restricted=note.restricted,
            author_id=note.author_id,
        )


def _views(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for view in rows:
        yield ChronologyEvent(
            person_id=view.person_id,
            occurred_on=view.recorded_on,
            kind=Kind.VOICE,
            title="Child's wishes and feelings",
            summary=(f"“{view.words[:160]}”" if view.words else "A drawing or recording by the child."),
            source="casework.ChildView",
            source_key=f"casework.ChildView:{view.pk}",
            link=reverse("casework:voice", args=[view.person_id]),
        )


def _documents(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for doc in rows:
        yield ChronologyEvent(
            person_id=doc.person_id,
            occurred_on=doc.document_date,
            kind=Kind.DOCUMENT,
            title=f"Document: {doc.get_doc_type_display()}",
            summary=doc.title,
            source="casework.Document",
            source_key=f"casework.Document:{doc.pk}",
            link=reverse("casework:document_detail", args=[doc.pk]),
            restricted=doc.restricted,
            author_id=doc.uploaded_by_id,
            readers=frozenset(u.pk for u in doc.named_users.all()),
        )


def _entries(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for entry in rows:
        yield ChronologyEvent(
            person_id=entry.person_id,
            occurred_on=entry.occurred_on,
            kind=Kind.PARTNER_EVENT,
            title=f"Reported by {entry.agency}",
            summary=entry.what_happened.split("\n", 1)[0][:300],
            source="casework.ChronologyEntry",
            source_key=f"casework.ChronologyEntry:{entry.pk}",
            restricted=entry.restricted,
            author_id=entry.recorded_by_id,
            curated=True,
            significant=entry.significant,
            impact=entry.impact,
            agency=entry.agency,
        )


# Visits, finalised case notes, the child's recorded views, documents and manual entries.
SOURCES = (
    Source("casework.Visit", _visits, select=("worker",)),
    Source("casework.CaseNote", _notes, where=Q(status="FINAL"), select=("author",), restricted="restricted"),
    Source("casework.ChildView", _views),
    Source("casework.Document", _documents, prefetch=("named_users",), restricted="restricted"),
    Source("casework.ChronologyEntry", _entries, restricted="restricted", significant="significant"),
)
