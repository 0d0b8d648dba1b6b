"""The authority-wide duplicate sweep's engine: pairs of active people who may be one person.

Blocked, not every pair against every other. Candidate pairs come from blocks read off the
columns and the phonetic-key index the duplicate check already keeps (`NameKey`), each block
surviving slips the others do not:

- the same NHS number;
- the same date of birth, or the same with day and month swapped, and any name key in common,
  of either name part (so a given name missing or misspelt on one record, or given and family
  names typed in each other's places, still meet);
- a family-name key and a given-name key in common, whatever the dates (so a digit wrong in
  the date meets when both names sound alike: with only one name alike, such pairs are mostly
  brothers and sisters).

Within a block, only pairs whose dates are equal, one slip apart (day and month swapped, one
digit wrong: `likeness.date_variants`) or where one is missing are candidates: a recorded date
neither equal nor one slip away outweighs any names in the duplicate check's weighing.
- an unborn baby's expected date within six weeks of a birth, with a family-name key in common.

The database forms the blocks: each kind is one query ordered by the block's key and read in
chunks (the NHS numbers only those held twice; the dates key by key, each key's people put by
the date either way round), so the sweep holds one block's people and the candidate pairs at a
time, not every person's keys. A block with more than `BLOCK_LIMIT` people (a very common name
key on one date) is too coarse to say anything and is left out; the sweep reports how many were. Each candidate pair
is then weighed by the duplicate check's own rule (`search.compare_people`), so the sweep and
the front door agree on how alike two records are and give the same reasons.

The front door shows a candidate at a weight of 4.5: a worker glances down a short list. The
sweep asks a reviewer to decide each pair it queues, so it proposes only probable ones, at a
weight of `PROBABLE` (5.5) or the same NHS number: twins (same date and family name, different
given names, 5.0) are not proposed. Dates of birth a digit apart ask for 8.0 (both names
the same, or one a letter out and the other the same): among a whole authority such dates
with alike names are mostly two people. Nor are two people with a relationship recorded between
them: the record already says they are two people. Read-only.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations, groupby
from operator import itemgetter
from typing import Any

from django.db.models import Count, FilteredRelation, Q, QuerySet

from .likeness import EXPECTED_DATE_WINDOW_DAYS, Recorded, Typed, date_variants
from .models import NameKey, Person, PersonRelationship, RecordStatus
from .search import as_typed, compare_people, recorded

BLOCK_LIMIT = 250
PROBABLE = 5.5
# Two dates of birth a digit apart are common by chance among a whole authority's people (the
# benchmark: at 150,000 people most such pairs proposed at 5.5 were two people), so a pair whose
# dates differ by a digit is proposed only with both names agreeing closely.
PROBABLE_DIGIT_APART = 8.0
LOAD_CHUNK = 2000
CHUNK = 20_000  # rows read from the database at a time while blocking


@dataclass(frozen=True)
class LikelyPair:
    person_id: int  # the lower key of the two
    other_id: int
    score: float
    reasons: tuple[str, ...]


@dataclass
class Blocking:
    """What blocking found: the candidate pairs, and how many blocks were too big to use."""

    pairs: set[tuple[int, int]] = field(default_factory=set)
    people: int = 0
    skipped_blocks: int = 0


@lru_cache(maxsize=50_000)
def _near(born: date) -> frozenset[date]:
    return frozenset(date_variants(born))


def _dates_may_match(a: date | None, b: date | None) -> bool:
    if a is None or b is None:
        return True
    return a == b or b in _near(a)


def _pairs_within(members: dict[int, date | None], found: Blocking) -> None:
    """The candidate pairs of one block (its people and their dates of birth)."""
    if len(members) < 2:
        return
    if len(members) > BLOCK_LIMIT:
        found.skipped_blocks += 1
        return
    for a, b in combinations(sorted(members), 2):
        if (a, b) not in found.pairs and _dates_may_match(members[a], members[b]):
            found.pairs.add((a, b))


def _grouped(rows: Iterable[tuple[Any, ...]], width: int) -> Iterator[dict[int, date | None]]:
    """Rows ordered by their first `width` values, (…, person key, date of birth), as one
    block at a time: each person in it once, with their date of birth."""
    for _, block in groupby(rows, key=itemgetter(slice(0, width))):
        yield {row[width]: row[width + 1] for row in block}


def candidate_pairs() -> Blocking:
    """Every candidate pair of active people (lower key first), by the blocks above. The
    database forms the blocks (each query ordered by its block's key and read in chunks), so
    only one block's people, and the candidate pairs, are held at a time."""
    active = Person.objects.filter(record_status=RecordStatus.ACTIVE)
    found = Blocking(people=active.count())
    _same_nhs_number(active, found)
    _same_date_and_a_name_key(found)
    _same_name_keys(found)
    _unborn(active, found)
    related = PersonRelationship.objects.values_list("person_a_id", "person_b_id")
    for a, b in related.iterator(chunk_size=CHUNK):
        found.pairs.discard((min(a, b), max(a, b)))
    return found


def _same_nhs_number(active: QuerySet[Person], found: Blocking) -> None:
    """Every pair sharing an NHS number (only numbers held by more than one record are read)."""
    shared = (
        active.exclude(nhs_number="").order_by().values("nhs_number").annotate(n=Count("pk")).filter(n__gt=1)
    )
    rows = (
        active.filter(nhs_number__in=shared.values("nhs_number"))
        .order_by("nhs_number", "pk")
        .values_list("nhs_number", "pk")
    )
    for _, block in groupby(rows.iterator(chunk_size=CHUNK), key=itemgetter(0)):
        found.pairs.update(combinations(sorted(pk for _, pk in block), 2))


def _same_date_and_a_name_key(found: Blocking) -> None:
    """The people sharing a name key (of either part) and a date of birth, the same or with day
    and month swapped: read key by key, each key's people blocked by the date either way round."""
    rows = (
        NameKey.objects.filter(person__record_status=RecordStatus.ACTIVE, person__date_of_birth__isnull=False)
        .order_by("key")
        .values_list("key", "person_id", "person__date_of_birth")
    )
    for _, keyed in groupby(rows.iterator(chunk_size=CHUNK), key=itemgetter(0)):
        by_date: dict[tuple[int, int, int], dict[int, date | None]] = defaultdict(dict)
        for _, pk, born in keyed:
            assert born is not None  # the query's own filter
            by_date[(born.year, min(born.day, born.month), max(born.day, born.month))][pk] = born
        for members in by_date.values():
            _pairs_within(members, found)


def _same_name_keys(found: Blocking) -> None:
    """The people sharing a family-name key and a given-name key, whatever their dates."""
    rows = (
        NameKey.objects.filter(part="FAMILY", person__record_status=RecordStatus.ACTIVE)
        .annotate(given=FilteredRelation("person__name_keys", condition=Q(person__name_keys__part="GIVEN")))
        .filter(given__key__isnull=False)
        .order_by("key", "given__key")
        .values_list("key", "given__key", "person_id", "person__date_of_birth")
    )
    for members in _grouped(rows.iterator(chunk_size=CHUNK), 2):
        _pairs_within(members, found)


def _unborn(active: QuerySet[Person], found: Blocking) -> None:
    """Unborn babies' records (an expected date, no date of birth) against people born within
    the window of it who share a family-name key."""
    unborn = active.filter(date_of_birth__isnull=True, expected_date_of_birth__isnull=False)
    keys: dict[int, list[str]] = defaultdict(list)
    family = NameKey.objects.filter(part="FAMILY", person__in=unborn).values_list("person_id", "key")
    for pk, key in family.iterator(chunk_size=CHUNK):
        keys[pk].append(key)
    window = timedelta(days=EXPECTED_DATE_WINDOW_DAYS)
    for pk, expected in unborn.values_list("pk", "expected_date_of_birth").iterator(chunk_size=CHUNK):
        if expected is None or not keys[pk]:
            continue
        near = NameKey.objects.filter(
            part="FAMILY",
            key__in=keys[pk],
            person__record_status=RecordStatus.ACTIVE,
            person__date_of_birth__range=(expected - window, expected + window),
        )
        for other in near.values_list("person_id", flat=True).distinct():
            found.pairs.add((min(pk, other), max(pk, other)))


def _compared(person_ids: Iterable[int]) -> dict[int, tuple[Typed, Recorded]]:
    wanted = sorted(set(person_ids))
    sides: dict[int, tuple[Typed, Recorded]] = {}
    for start in range(0, len(wanted), LOAD_CHUNK):
        chunk = Person.objects.filter(pk__in=wanted[start : start + LOAD_CHUNK]).prefetch_related(
            "other_names"
        )
        for person in chunk:
            sides[person.pk] = (as_typed(person), recorded(person))
    return sides


def _bar(a: Typed, b: Typed) -> float:
    """The weight a pair must reach to be proposed."""
    x, y = a.date_of_birth, b.date_of_birth
    if x and y and x != y and not (x.day <= 12 and y == x.replace(day=x.month, month=x.day)):
        return PROBABLE_DIGIT_APART
    return PROBABLE


def likely_pairs(blocking: Blocking | None = None) -> Iterator[LikelyPair]:
    """The candidate pairs the duplicate check's weighing finds probable, each with its score
    and reasons (in no particular order)."""
    found = blocking if blocking is not None else candidate_pairs()
    sides = _compared(pk for pair in found.pairs for pk in pair)
    for a, b in found.pairs:
        if a not in sides or b not in sides:
            continue
        likeness = compare_people(sides[a], sides[b])
        if likeness.same_nhs_number or likeness.weight >= _bar(sides[a][0], sides[b][0]):
            yield LikelyPair(a, b, round(likeness.score, 3), tuple(likeness.reasons))
