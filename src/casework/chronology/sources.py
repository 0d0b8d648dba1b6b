"""What an app declares to put its records in the chronology: one `Source` per model, and the
`Event`s each of its rows yields.

Each event is declared once, with the condition under which a row yields it, so the same
declaration builds the events (`Source.events`) and counts them in SQL without building any
(`Source.count`): a plan yields "started", and "ended" once it has an end date.
"""

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Event(Generic[M]):
    """One event a row of a source yields: `build(row)`, for every row, or only for the rows
    meeting `when`. `when` is the one statement of that condition: the chronology counts with
    it in SQL, and reads it with each row to decide whether to build. `person`: the lookup from
    the row to the child the event belongs to, when it is not the source's (a relationship is
    an event in each of its two people's chronologies)."""

    build: Callable[[M], ChronologyEvent]
    when: Q | None = None
    person: str = ""


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
    - `significant`: a boolean field holding the row's own curation (manual entries only;
      every other event's significance lives in `ChronologyAnnotation`).
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
    significant: str = ""

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
        several = len(self.lookups) > 1
        read: dict[str, Any] = {
            f"chronology_when_{n}": ExpressionWrapper(event.when, output_field=BooleanField())
            for n, event in enumerate(self.yields)
            if event.when is not None
        }
        if several:
            read.update({f"chronology_person_{n}": F(lookup) for n, lookup in enumerate(self.lookups)})
        if read:
            rows = rows.annotate(**read)
        views = {lookup: f"chronology_person_{n}" for n, lookup in enumerate(self.lookups)}
        for row in rows:
            for n, event in enumerate(self.yields):
                if event.when is not None and not getattr(row, f"chronology_when_{n}"):
                    continue
                if several and getattr(row, views[self.lookup(event)]) not in ids:
                    continue
                yield event.build(row)

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
