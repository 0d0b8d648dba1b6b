"""The duplicate sweep's engine: blocked candidate pairs weighed by the duplicate check's rule."""

from datetime import date

import pytest

from people import pairs
from people.services import NewPerson, add_relationship, bulk_create_people
from people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _people(actor, rows):
    """Record each (given, family, date of birth, other details) and return them by label."""
    made = bulk_create_people(
        actor=actor,
        rows=[
            NewPerson(
                data={
                    "record_type": "CHILD",
                    "given_name": g,
                    "family_name": f,
                    "date_of_birth": born,
                    **extra,
                }
            )
            for _, g, f, born, extra in rows
        ],
    )
    return {label: person.pk for (label, *_), person in zip(rows, made, strict=True)}


def _pair(people, a, b):
    return tuple(sorted((people[a], people[b])))


REGISTER = [
    # Seeded duplicates, each pair with one kind of slip between its records.
    ("typo", "Oliver", "Thompson", date(2016, 4, 9), {}),
    ("typo copy", "Oliver", "Thomspon", date(2016, 4, 9), {}),
    ("swapped date", "Grace", "Nowak", date(2018, 3, 7), {}),
    ("swapped date copy", "Grace", "Nowak", date(2018, 7, 3), {}),
    ("digit", "Priya", "Sharma", date(2014, 11, 21), {}),
    ("digit copy", "Priya", "Sharma", date(2014, 11, 27), {}),
    ("names swapped", "Kelly", "Morgan", date(2013, 2, 2), {}),
    ("names swapped copy", "Morgan", "Kelly", date(2013, 2, 2), {}),
    ("nickname", "William", "Ashworth", date(2012, 6, 30), {}),
    ("nickname copy", "Bill", "Ashworth", date(2012, 6, 30), {}),
    ("initial", "Harriet", "Okonjo", date(2019, 1, 15), {}),
    ("initial copy", "H", "Okonjo", date(2019, 1, 15), {}),
    ("undated", "Zainab", "Hussain", date(2017, 9, 12), {}),
    ("undated copy", "Zainab", "Hussain", None, {}),
    ("nhs", "Jack", "Robinson", date(2011, 5, 5), {"nhs_number": "9434765919"}),
    ("nhs copy", "Jake", "Robertson", date(2011, 5, 5), {"nhs_number": "9434765919"}),
    # Distinct people who share something: twins, brothers and sisters, a namesake.
    ("twin", "Amelia", "Walker", date(2015, 8, 1), {}),
    ("other twin", "Isla", "Walker", date(2015, 8, 1), {}),
    ("brother", "Noah", "Brown", date(2010, 1, 1), {}),
    ("sister", "Emily", "Brown", date(2012, 12, 12), {}),
    ("namesake", "Oliver", "Thompson", date(2009, 10, 20), {}),
    ("stranger", "Lucas", "Fernandes", date(2016, 4, 9), {}),
    ("cousin", "Lucy", "Fernandez", date(2016, 4, 8), {}),  # a digit apart, one name alike only
]
SEEDED = [
    ("typo", "typo copy"),
    ("swapped date", "swapped date copy"),
    ("digit", "digit copy"),
    ("names swapped", "names swapped copy"),
    ("nickname", "nickname copy"),
    ("initial", "initial copy"),
    ("undated", "undated copy"),
    ("nhs", "nhs copy"),
]


def test_likely_pairs_finds_the_seeded_duplicates_and_no_distinct_people(social_worker):
    people = _people(social_worker, REGISTER)

    found = {(p.person_id, p.other_id): p for p in pairs.likely_pairs()}

    assert set(found) == {_pair(people, a, b) for a, b in SEEDED}
    typo = found[_pair(people, "typo", "typo copy")]
    assert typo.reasons == ("Same date of birth", "family name with two letters swapped", "same given name")
    assert 0.45 < typo.score <= 1.0
    swapped = found[_pair(people, "swapped date", "swapped date copy")]
    assert swapped.reasons[0] == "Date of birth with day and month swapped"
    assert found[_pair(people, "nhs", "nhs copy")].reasons[0] == "Same NHS number"


def test_candidate_pairs_are_blocked_not_every_pair(social_worker):
    people = _people(social_worker, REGISTER)

    blocking = pairs.candidate_pairs()

    assert blocking.people == len(REGISTER)
    assert len(blocking.pairs) < len(REGISTER) * (len(REGISTER) - 1) // 2 // 4
    assert _pair(people, "brother", "sister") not in blocking.pairs  # two dates far apart
    assert all(a < b for a, b in blocking.pairs)


def test_an_unborn_baby_is_paired_with_a_child_born_near_the_expected_date(social_worker):
    unborn = make_person(social_worker, "Baby", "Kowalski", expected_date_of_birth=date(2025, 5, 1))
    born = make_person(social_worker, "Baby", "Kowalski", date_of_birth=date(2025, 5, 11))

    found = list(pairs.likely_pairs())

    assert [(p.person_id, p.other_id) for p in found] == [tuple(sorted((unborn.pk, born.pk)))]
    assert found[0].reasons[0] == "Born close to the expected date"


def test_two_people_with_a_relationship_recorded_are_not_proposed(social_worker):
    a = make_person(social_worker, "Ruby", "Clarke", date_of_birth=date(2016, 2, 2))
    b = make_person(social_worker, "Ruby", "Clark", date_of_birth=date(2016, 2, 2))
    assert len(list(pairs.likely_pairs())) == 1

    add_relationship(actor=social_worker, person_a=a, person_b=b, type="SIBLING")

    assert list(pairs.likely_pairs()) == []


def test_a_block_too_big_to_tell_anything_is_left_out_and_counted(social_worker, monkeypatch):
    _people(social_worker, [(str(n), f"Sam{n}", "Smith", date(2015, 1, 1), {}) for n in range(4)])
    monkeypatch.setattr(pairs, "BLOCK_LIMIT", 3)

    blocking = pairs.candidate_pairs()

    assert blocking.skipped_blocks > 0
