"""What an app declares to put its records in the chronology: one `Source` per model, and the
`Event`s each of its rows yields, from which one builder makes every `ChronologyEvent`.

Each event is declared once, with the condition under which a row yields it, so the same
declaration builds the events (`Source.events`) and counts them in SQL without building any
(`Source.count`): a plan yields "started", and "ended" once it has an end date
(`Event.once(on="end_date", ...)`; the two together, `Event.span`).
"""

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from django.apps import apps
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from .events import ChronologyEvent

M = TypeVar("M", bound=Model)

# What an event says (its title, its summary): text, or a function of the row.
Says = str | Callable[[Any], str]


@dataclass(frozen=True)
class Event(Generic[M]):
    """One event a row of a source yields, for every row, or only for the rows meeting `when`.
    `when` is the one statement of that condition: the chronology counts with it in SQL, and
    reads it with each row to decide whether to build. `person`: the lookup from the row to the
    child the event belongs to, when it is not the source's (a relationship is an event in each
    of its two people's chronologies).

    What the event says is declared, and `Source.build` makes it: its `kind` (text, or a
    function of the row; by default the source's); `on`, the row's
    field holding its date (a path through relations, `"contact.received_at"`, or a function of
    the row); `title` and `summary`, text or a function of the row; `suffix`, what follows the
    row's key where a row yields several events (`":ended"`); `link`, the record's page; `more`,
    any other `ChronologyEvent` fields the row gives (who it names, a manual entry's curation).
    `build(row)` instead builds an event whole."""

    build: Callable[[M], ChronologyEvent] | None = None
    when: Q | None = None
    person: str = ""
    _: KW_ONLY
    kind: str | Callable[[M], str] = ""
    on: str | Callable[[M], date | datetime] = ""
    title: str | Callable[[M], str] = ""
    summary: str | Callable[[M], str] = ""
    suffix: str = ""
    link: Callable[[M], str] | None = None
    more: Callable[[M], Mapping[str, Any]] | None = None

    @classmethod
    def once(cls, *, on: str, **says: Any) -> "Event[Any]":
        """The event a row yields once its date field `on` is recorded (a plan's end, a
        decision): `when` is that the field holds a date; `says` as for any event."""
        return cls(when=Q(**{f"{on}__isnull": False}), on=on, **says)

    @classmethod
    def span(
        cls,
        started: tuple[Says, Says],
        ended: tuple[Says, Says],
        *,
        start: str = "start_date",
        end: str = "end_date",
        suffix: str = ":ended",
        kind: str = "",
    ) -> tuple["Event[Any]", "Event[Any]"]:
        """The two events of a period (a plan, an episode, an allocation): its start, on the
        date field `start`, for every row, and its end once its field `end` is recorded, keyed
        with `suffix`. `started` and `ended` are each event's (title, summary)."""
        (title, summary), (end_title, end_summary) = started, ended
        return (
            cls(kind=kind, on=start, title=title, summary=summary),
            cls.once(kind=kind, on=end, title=end_title, summary=end_summary, suffix=suffix),
        )


def _read(row: Any, value: str | Callable[[Any], Any]) -> Any:
    """A declared value of `row`: a function of it, or the field at a dotted path."""
    if callable(value):
        return value(row)
    for name in value.split("."):
        row = getattr(row, name)
    return row


def _say(row: Any, text: str | Callable[[Any], str]) -> str:
    return text(row) if callable(text) else text


@dataclass(frozen=True)
class Source(Generic[M]):
    """One kind of record's events: an app declares one `Source` per model it reports.

    - `label`: `"app_label.Model"`, the events' `source`; each event's `source_key` starts
      `"<label>:<the row's key field>"`, with a suffix where a row yields several events;
    - `yields`: the events each row yields (`Event`), built from a queryset of the rows (of
      `model`, when given, else of `label`), never one query per child;
    - `person`: the lookup from a row to its child (`"plan__person"`);
    - `where`: the rows that are events at all (final case notes only);
    - `key`: the field whose value follows the label in the key (`pk`, or the contact of a
      contact's link to one child);
    - `select`, `prefetch`: related rows the events read;
    - `restricted`: a boolean field marking rows only some users may see
      (`casework.access.may_see_restricted`, applied to the built events);
    - `author`: the field naming the user who recorded a row (who may see it when restricted);
    - `significant`: a boolean field holding the row's own curation (manual entries only;
      every other event's significance lives in `ChronologyAnnotation`);
    - `kind`: the kind of its events, where an event does not give its own;
    - `per_person`: each key also names the child, as one row is an event of several children
      (a contact about a family).
    """

    label: str
    yields: tuple[Event[M], ...]
    person: str = "person"
    where: Q = field(default_factory=Q)
    key: str = "pk"
    model: str = ""
    select: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    restricted: str = ""
    author: str = ""
    significant: str = ""
    kind: str = ""
    per_person: bool = False

    def lookup(self, event: Event[M]) -> str:
        """The lookup from a row to the child `event` belongs to."""
        return event.person or self.person

    @property
    def lookups(self) -> tuple[str, ...]:
        """Each lookup from a row to a child, once, in the order of `yields`."""
        return tuple(dict.fromkeys(self.lookup(event) for event in self.yields))

    def rows(self) -> QuerySet[M]:
        model: type[M] = apps.get_model(self.model or self.label)
        return model._default_manager.filter(self.where)

    def events(self, person_ids: Collection[int], only: Q | None = None) -> Iterator[ChronologyEvent]:
        """The events of these people's rows (of the rows matching `only`, when given)."""
        ids = frozenset(person_ids)
        mine = Q()
        for lookup in self.lookups:
            mine |= Q(**{f"{lookup}__in": ids})
        rows = self.rows().filter(mine)
        if only is not None:
            rows = rows.filter(only)
        if self.select:
            rows = rows.select_related(*self.select)
        if self.prefetch:
            rows = rows.prefetch_related(*self.prefetch)
        read: dict[str, Any] = {
            f"chronology_when_{n}": ExpressionWrapper(event.when, output_field=BooleanField())
            for n, event in enumerate(self.yields)
            if event.when is not None
        }
        read.update({f"chronology_person_{n}": F(lookup) for n, lookup in enumerate(self.lookups)})
        rows = rows.annotate(**read)
        views = {lookup: f"chronology_person_{n}" for n, lookup in enumerate(self.lookups)}
        for row in rows:
            for n, event in enumerate(self.yields):
                if event.when is not None and not getattr(row, f"chronology_when_{n}"):
                    continue
                person_id = getattr(row, views[self.lookup(event)])
                if person_id not in ids:
                    continue
                yield self.build(event, row, person_id)

    def build(self, event: Event[M], row: M, person_id: int) -> ChronologyEvent:
        """The event `event` of `row` in the chronology of the child `person_id`."""
        if event.build is not None:
            return event.build(row)
        key = f"{self.label}:{row.serializable_value(self.key)}"
        if self.per_person:
            key += f":{person_id}"
        return ChronologyEvent(
            person_id=person_id,
            occurred_on=_read(row, event.on),
            kind=_say(row, event.kind or self.kind),
            title=_say(row, event.title),
            summary=_say(row, event.summary),
            source=self.label,
            source_key=key + event.suffix,
            link=event.link(row) if event.link else "",
            restricted=bool(self.restricted and getattr(row, self.restricted)),
            author_id=row.serializable_value(self.author) if self.author else None,
            significant=bool(self.significant and getattr(row, self.significant)),
            curated=bool(self.significant),
            **(event.more(row) if event.more else {}),
        )

    def count(self, lookup: str, restricted: bool | None = None) -> Coalesce:
        """How many events the rows of the outer query's person yield for them (a subquery),
        seen from `lookup`; only restricted (or unrestricted) rows when `restricted` is given."""
        rows = self.rows().filter(**{lookup: OuterRef("pk")})
        if restricted is not None:
            rows = rows.filter(**{self.restricted: restricted})
        mine = [event for event in self.yields if self.lookup(event) == lookup]
        every = sum(1 for event in mine if event.when is None)
        terms: list[Any] = [Count("pk") * every if every > 1 else Count("pk")] if every else []
        terms += [Count("pk", filter=event.when) for event in mine if event.when is not None]
        n = terms[0]
        for term in terms[1:]:
            n = n + term
        events = rows.order_by().values(lookup).annotate(n=n).values("n")[:1]
        return Coalesce(Subquery(events, output_field=IntegerField()), 0)


class ChronologyModule(Protocol):
    """An app's `<app>/chronology.py`: the sources of the records it reports."""

    SOURCES: Sequence[Source[Any]]
