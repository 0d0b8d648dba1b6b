"""Reads of the duplicate sweep's queue, for its review page and the data-quality page.

Pairs awaiting review are those proposed whose two records are both still active (a record
merged or closed some other way since takes its pairs out of the queue). A child the reader
may not open (restricted, not let in) is listed by Harbour ID only, never by name
(`people.access.openable_ids`).
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from accounts.models import User
from people.access import openable_ids
from people.models import Person

from .models import DuplicatePair, DuplicateSweep, PairStatus

PAGE_SIZE = 25


def awaiting_review() -> "QuerySet[DuplicatePair]":
    """Proposed pairs of two active records, best first."""
    active = Person.objects.active().values("pk")
    return DuplicatePair.objects.filter(
        status=PairStatus.PROPOSED, person_id__in=active, other_person_id__in=active
    ).order_by("-score", "pk")


def awaiting_count() -> int:
    return awaiting_review().count()


def last_sweep() -> DuplicateSweep | None:
    return DuplicateSweep.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


@dataclass(frozen=True)
class Side:
    person_id: int
    la_child_id: str
    openable: bool
    name: str = ""  # empty for a record the reader may not open
    date_of_birth: date | None = None


@dataclass(frozen=True)
class PairRow:
    pair: DuplicatePair
    person: Side
    other: Side


def _sides(user: User, person_ids: set[int]) -> dict[int, Side]:
    may_open = openable_ids(user, sorted(person_ids))
    rows = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "la_child_id", "given_name", "family_name", "date_of_birth"
    )
    return {
        pk: Side(pk, la_id, True, f"{given} {family}".strip(), born)
        if pk in may_open
        else Side(pk, la_id, False)
        for pk, la_id, given, family, born in rows
    }


def review_page(user: User, number: str | None) -> tuple[Page, list[PairRow]]:
    """One page of the pairs awaiting review, best first, each side named only if `user`
    may open it."""
    page = Paginator(awaiting_review(), PAGE_SIZE).get_page(number)
    pairs = list(page.object_list)
    sides = _sides(user, {pk for p in pairs for pk in p.person_ids})
    return page, [PairRow(p, sides[p.person_ids[0]], sides[p.person_ids[1]]) for p in pairs]
