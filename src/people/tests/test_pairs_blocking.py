"""The duplicate sweep's blocking, formed in the database, gives the same candidate pairs (and
the same count of blocks too big to use) as blocking every active person's keys in memory,
as the sweep did before: each blocking key on a register built to exercise it."""

from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

import pytest

from people import pairs
from people.likeness import EXPECTED_DATE_WINDOW_DAYS, date_variants
from people.models import NameKey, Person, PersonRelationship, RecordStatus
from people.services import NewPerson, add_relationship, bulk_create_people
from people.tests.factories import make_person

pytestmark = pytest.mark.django_db

REGISTER = [
    # The same NHS number, nothing else alike; and one number on three records.
    ("nhs", "Jack", "Robinson", date(2011, 5, 5), {"nhs_number": "9434765919"}),
    ("nhs copy", "Tom", "Okafor", date(2001, 9, 30), {"nhs_number": "9434765919"}),
    ("nhs a", "Ava", "Lee", date(2010, 1, 2), {"nhs_number": "9434765870"}),
    ("nhs b", "Eva", "Leigh", date(2010, 2, 1), {"nhs_number": "9434765870"}),
    ("nhs c", "Ava", "Li", None, {"nhs_number": "9434765870"}),
    # A name key and the date in common: the same date, the date swapped, names swapped.
    ("typo", "Oliver", "Thompson", date(2016, 4, 9), {}),
    ("typo copy", "Olivia", "Thomspon", date(2016, 4, 9), {}),
    ("swapped", "Grace", "Nowak", date(2018, 3, 7), {}),
    ("swapped copy", "Zofia", "Nowak", date(2018, 7, 3), {}),
    ("names swapped", "Kelly", "Morgan", date(2013, 2, 2), {}),
    ("names swapped copy", "Morgan", "Kelly", date(2013, 2, 2), {}),
    ("same both parts", "Morgan", "Morgan", date(2013, 2, 2), {}),
    # Both name keys in common: a digit wrong, a date missing, dates far apart (not a pair).
    ("digit", "Priya", "Sharma", date(2014, 11, 21), {}),
    ("digit copy", "Priya", "Sharma", date(2014, 11, 27), {}),
    ("undated", "Zainab", "Hussain", date(2017, 9, 12), {}),
    ("undated copy", "Zainab", "Hussain", None, {}),
    ("elder", "Noah", "Brown", date(2010, 1, 1), {}),
    ("younger", "Noah", "Brown", date(2015, 6, 20), {}),
    # One block too big to use when the limit is three: four on one date with one name key.
    *((f"smith {n}", f"Sam{n}", "Smith", date(2015, 1, 1), {}) for n in range(4)),
    # Related: alike, but the record says they are two people.
    ("related", "Ruby", "Clarke", date(2016, 2, 2), {}),
    ("related other", "Ruby", "Clark", date(2016, 2, 2), {}),
    # Merged into another record: in no pair.
    ("merged", "Oliver", "Thompson", date(2016, 4, 9), {}),
]


Loaded = dict[int, tuple[date | None, date | None, str]]


def _load() -> tuple[Loaded, dict[int, set[str]], dict[int, set[str]]]:
    people = {
        pk: (born, expected, nhs)
        for pk, born, expected, nhs in Person.objects.filter(record_status=RecordStatus.ACTIVE).values_list(
            "pk", "date_of_birth", "expected_date_of_birth", "nhs_number"
        )
    }
    family: dict[int, set[str]] = defaultdict(set)
    given: dict[int, set[str]] = defaultdict(set)
    keys = NameKey.objects.filter(person__record_status=RecordStatus.ACTIVE)
    for pk, part, key in keys.values_list("person_id", "part", "key"):
        (family if part == "FAMILY" else given)[pk].add(key)
    return people, family, given


def _blocks(people: Loaded, family: dict[int, set[str]], given: dict[int, set[str]]) -> list[dict]:
    by_nhs: dict[object, list[int]] = defaultdict(list)
    by_date: dict[object, list[int]] = defaultdict(list)
    by_names: dict[object, list[int]] = defaultdict(list)
    for pk, (born, _, nhs) in people.items():
        if nhs:
            by_nhs[nhs].append(pk)
        if born:
            for key in family[pk] | given[pk]:
                by_date[(born.year, min(born.day, born.month), max(born.day, born.month), key)].append(pk)
        for f in family[pk]:
            for g in given[pk]:
                by_names[(f, g)].append(pk)
    return [by_nhs, by_date, by_names]


def _in_memory() -> pairs.Blocking:
    """The blocking as it was: every active person's keys loaded, blocks built in dicts."""
    people, family, given = _load()
    found = pairs.Blocking(people=len(people))

    def may_match(a: int, b: int) -> bool:
        x, y = people[a][0], people[b][0]
        return x is None or y is None or x == y or y in date_variants(x)

    by_nhs, *blocks = _blocks(people, family, given)
    for members in by_nhs.values():
        found.pairs.update(combinations(sorted(members), 2))
    for members in (m for b in blocks for m in b.values() if len(m) > 1):
        if len(members) > pairs.BLOCK_LIMIT:
            found.skipped_blocks += 1
        else:
            found.pairs.update(p for p in combinations(sorted(members), 2) if may_match(*p))
    window = timedelta(days=EXPECTED_DATE_WINDOW_DAYS)
    unborn = [(pk, expected) for pk, (born, expected, _) in people.items() if born is None and expected]
    for pk, expected in unborn:
        for other, (born, _, _) in people.items():
            if born and abs(born - expected) <= window and family[pk] & family[other]:
                found.pairs.add((min(pk, other), max(pk, other)))
    for a, b in PersonRelationship.objects.values_list("person_a_id", "person_b_id"):
        found.pairs.discard((min(a, b), max(a, b)))
    return found


def test_blocking_in_the_database_gives_the_pairs_blocking_in_memory_gave(social_worker, monkeypatch):
    made = bulk_create_people(
        actor=social_worker,
        rows=[
            NewPerson(
                data={
                    "record_type": "CHILD",
                    "given_name": g,
                    "family_name": f,
                    "date_of_birth": born,
                    **more,
                }
            )
            for _, g, f, born, more in REGISTER
        ],
    )
    people = {label: person.pk for (label, *_), person in zip(REGISTER, made, strict=True)}
    unborn = make_person(social_worker, "Baby", "Kowalski", expected_date_of_birth=date(2025, 5, 1))
    born_near = make_person(social_worker, "Lena", "Kowalski", date_of_birth=date(2025, 5, 11))
    born_far = make_person(social_worker, "Maja", "Kowalski", date_of_birth=date(2025, 7, 1))
    add_relationship(
        actor=social_worker,
        person_a=Person.objects.get(pk=people["related"]),
        person_b=Person.objects.get(pk=people["related other"]),
        type="SIBLING",
    )
    Person.objects.filter(pk=people["merged"]).update(
        record_status=RecordStatus.MERGED, merged_into_id=people["typo"]
    )
    monkeypatch.setattr(pairs, "BLOCK_LIMIT", 3)

    blocking = pairs.candidate_pairs()
    before = _in_memory()

    assert (blocking.pairs, blocking.skipped_blocks, blocking.people) == (
        before.pairs,
        before.skipped_blocks,
        before.people,
    )

    def pair(a: str, b: str) -> tuple[int, int]:
        return (min(people[a], people[b]), max(people[a], people[b]))

    # Each blocking key gave its pair, and what none should give is absent.
    assert {
        pair("nhs", "nhs copy"),
        pair("nhs a", "nhs b"),
        pair("nhs a", "nhs c"),
        pair("nhs b", "nhs c"),
        pair("typo", "typo copy"),
        pair("swapped", "swapped copy"),
        pair("names swapped", "names swapped copy"),
        pair("names swapped", "same both parts"),
        pair("digit", "digit copy"),
        pair("undated", "undated copy"),
        (min(unborn.pk, born_near.pk), max(unborn.pk, born_near.pk)),
    } <= blocking.pairs
    assert blocking.skipped_blocks >= 1  # the four Smiths on one date
    assert not blocking.pairs & {
        pair("elder", "younger"),
        pair("related", "related other"),
        pair("smith 0", "smith 1"),
        (min(unborn.pk, born_far.pk), max(unborn.pk, born_far.pk)),
    }
    assert not any(people["merged"] in p for p in blocking.pairs)
