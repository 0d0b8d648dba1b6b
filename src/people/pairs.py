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

A block with more than `BLOCK_LIMIT` people (a very common name key on one date) is too
coarse to say anything and is left out; the sweep reports how many were. Each candidate pair
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
from itertools import combinations

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


@dataclass
class _Person:
    born: date | None
    expected: date | None
    nhs: str
    family: set[int] = field(default_factory=set)
    given: set[int] = field(default_factory=set)


@lru_cache(maxsize=50_000)
def _near(born: date) -> frozenset[date]:
    return frozenset(date_variants(born))


def _dates_may_match(a: _Person, b: _Person) -> bool:
    if a.born is None or b.born is None:
        return True
    return a.born == b.born or b.born in _near(a.born)


def _load() -> dict[int, _Person]:
    people = {
        pk: _Person(born, expected, nhs)
        for pk, born, expected, nhs in Person.objects.filter(record_status=RecordStatus.ACTIVE)
        .order_by()
        .values_list("pk", "date_of_birth", "expected_date_of_birth", "nhs_number")
        .iterator(chunk_size=10_000)
    }
    codes: dict[str, int] = {}
    keys = NameKey.objects.filter(person__record_status=RecordStatus.ACTIVE).order_by()
    for person_id, part, key in keys.values_list("person_id", "part", "key").iterator(chunk_size=20_000):
        code = codes.setdefault(key, len(codes))
        found = people.get(person_id)
        if found is not None:
            (found.family if part == "FAMILY" else found.given).add(code)
    return people


def _pairs_within(blocks: dict[object, list[int]], found: Blocking, people: dict[int, _Person]) -> None:
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > BLOCK_LIMIT:
            found.skipped_blocks += 1
            continue
        for a, b in combinations(sorted(members), 2):
            if (a, b) not in found.pairs and _dates_may_match(people[a], people[b]):
                found.pairs.add((a, b))


def candidate_pairs() -> Blocking:
    """Every candidate pair of active people (lower key first), by the blocks above."""
    people = _load()
    found = Blocking(people=len(people))
    by_nhs: dict[object, list[int]] = defaultdict(list)
    for pk, p in people.items():
        if p.nhs:
            by_nhs[p.nhs].append(pk)
    for pk_a, pk_b in _pairs_of(by_nhs):
        found.pairs.add((pk_a, pk_b))
    del by_nhs
    by_date_and_key: dict[object, list[int]] = defaultdict(list)
    for pk, p in people.items():
        if p.born:  # the date with day and month either way round
            born = (p.born.year, min(p.born.day, p.born.month), max(p.born.day, p.born.month))
            for code in p.family | p.given:
                by_date_and_key[(born, code)].append(pk)
    _pairs_within(by_date_and_key, found, people)
    del by_date_and_key
    by_names: dict[object, list[int]] = defaultdict(list)
    for pk, p in people.items():
        for family in p.family:
            for given in p.given:
                by_names[(family, given)].append(pk)
    _pairs_within(by_names, found, people)
    del by_names
    _unborn(people, found)
    related = PersonRelationship.objects.values_list("person_a_id", "person_b_id").iterator(chunk_size=10_000)
    found.pairs -= {(min(a, b), max(a, b)) for a, b in related}
    return found


def _pairs_of(blocks: dict[object, list[int]]) -> Iterator[tuple[int, int]]:
    for members in blocks.values():
        yield from combinations(sorted(members), 2)


def _unborn(people: dict[int, _Person], found: Blocking) -> None:
    """Unborn babies' records (an expected date, no date of birth) against people born within
    the window of it who share a family-name key."""
    unborn = [(pk, p) for pk, p in people.items() if p.born is None and p.expected]
    if not unborn:
        return
    by_birth: dict[date, list[int]] = defaultdict(list)
    for pk, p in people.items():
        if p.born:
            by_birth[p.born].append(pk)
    window = EXPECTED_DATE_WINDOW_DAYS
    for pk, p in unborn:
        assert p.expected is not None
        for offset in range(-window, window + 1):
            for other in by_birth.get(p.expected + timedelta(days=offset), ()):
                if p.family & people[other].family:
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
