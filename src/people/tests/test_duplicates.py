"""The duplicate check offered before a record is created: each slip a front door makes, and
a fixed benchmark set whose recall must not fall."""

from datetime import date

import pytest

from people import services
from people.models import NameKind
from people.search import find_possible_duplicates
from people.tests import factories
from people.tests.duplicate_data import check_copies, corrupted_copies, register
from people.tests.factories import restrict

RECALL_FLOOR = 0.98
FIRST_RIGHT_FLOOR = 0.98


@pytest.fixture
def make_person(social_worker):
    def make(given: str, family: str, born: date | None = None, **extra):
        if born:
            extra["date_of_birth"] = born
        return factories.make_person(social_worker, given, family, **extra)

    return make


@pytest.fixture
def william(make_person):
    """William Ashworth-Clarke, born 4 July 2016, among people who share parts of his record."""
    make_person("Grace", "Ashworth-Clarke", date(2016, 7, 4))  # his twin sister
    make_person("William", "Ashworth", date(2013, 2, 11))
    make_person("Oliver", "Bennett", date(2016, 7, 4))
    return make_person("William", "Ashworth-Clarke", date(2016, 7, 4))


def _first(given: str, family: str, born: date | None):
    matches = find_possible_duplicates(given_name=given, family_name=family, date_of_birth=born)
    assert matches, "no candidate shown"
    return matches[0]


@pytest.mark.parametrize(
    ("given", "family", "born", "reasons"),
    [
        ("W", "Ashworth-Clarke", date(2016, 7, 4), ["Same date of birth", "same family name", "given name initial matches"]),
        ("William", "Ashwroth-Clarke", date(2016, 7, 4), ["Same date of birth", "family name with two letters swapped", "same given name"]),
        ("William", "Bshworth-Clarke", date(2016, 7, 4), ["Same date of birth", "family name one letter different", "same given name"]),
        ("Wiliam", "Ashworth-Clarke", None, ["Same family name", "given name one letter different"]),
        ("William", "Ashworth-Clarke", date(2016, 4, 7), ["Date of birth with day and month swapped", "same family name", "same given name"]),
        ("William", "Ashworth-Clarke", date(2016, 7, 9), ["Date of birth one digit different", "same family name", "same given name"]),
        ("Ashworth-Clarke", "William", date(2016, 7, 4), ["Same date of birth", "same family name", "same given name", "given and family names swapped"]),
        ("William", "Clarke", date(2016, 7, 4), ["Same date of birth", "family name part of a double-barrelled name", "same given name"]),
        ("William", "Ashworth Clarke", date(2016, 7, 4), ["Same date of birth", "same family name", "same given name"]),
        ("Bill", "Ashworth-Clarke", date(2016, 7, 4), ["Same date of birth", "same family name", "given name a short form of William"]),
        ("Liam", "Ashworth-Clarke", date(2016, 7, 4), ["Same date of birth", "same family name", "given name a short form of William"]),
        ("Wilyam", "Ashwerth-Klarke", date(2016, 7, 4), ["Same date of birth", "family name sounds the same", "given name two letters different"]),
    ],
    ids=[
        "given-initial",
        "transposed",
        "typo-first-letter",
        "typo-given-no-date",
        "day-month-swapped",
        "digit-wrong",
        "names-swapped",
        "double-barrelled-part",
        "double-barrelled-unhyphenated",
        "nickname",
        "short-form",
        "transliteration",
    ],
)  # fmt: skip
def test_duplicate_check_shows_the_child_first_when_typed_with_a_slip(william, given, family, born, reasons):
    match = _first(given, family, born)

    assert match.person == william
    assert match.reasons == reasons


def test_duplicate_check_shows_both_twins_when_given_name_missing(william):
    matches = find_possible_duplicates(
        given_name="", family_name="Ashworth-Clarke", date_of_birth=date(2016, 7, 4)
    )

    assert {m.person.given_name for m in matches} == {"William", "Grace"}
    assert matches[0].score == matches[1].score
    assert matches[0].reasons == ["Same date of birth", "same family name", "given name missing"]


def test_duplicate_check_finds_former_family_name_when_name_changed(social_worker, william):
    services.add_name(
        actor=social_worker,
        person=william,
        kind=NameKind.PREVIOUS,
        given_name="William",
        family_name="Okafor",
    )

    assert _first("William", "Okafor", date(2016, 7, 4)).person == william


def test_duplicate_check_finds_unborn_baby_when_born_near_expected_date(make_person):
    unborn = make_person("Baby", "Nowak", expected_date_of_birth=date(2025, 5, 20))

    match = _first("Zofia", "Nowak", date(2025, 5, 12))

    assert match.person == unborn
    assert match.reasons == [
        "Born close to the expected date",
        "same family name",
        "given name not known before birth",
    ]


def test_duplicate_check_leaves_out_people_who_share_only_a_date_of_birth(william):
    assert (
        find_possible_duplicates(
            given_name="Zebedee", family_name="Quartermaine", date_of_birth=date(2016, 7, 4)
        )
        == []
    )


def test_duplicate_check_ranks_the_child_above_the_twin_when_both_alike(william):
    names = [m.person.given_name for m in find_possible_duplicates(
        given_name="Wiliam", family_name="Ashworth-Clarke", date_of_birth=date(2016, 7, 4)
    )]  # fmt: skip

    assert names[0] == "William" and "Grace" in names


def test_duplicate_check_finds_record_without_date_of_birth_by_name_when_date_typed(make_person):
    undated = make_person("Kacper", "Nowicki")

    match = _first("Kacper", "Nowicky", date(2014, 2, 3))

    assert match.person == undated
    assert match.reasons == ["Family name one letter different", "same given name"]


def test_duplicate_check_shows_same_nhs_number_whatever_else_differs(make_person):
    kept = make_person("Oliver", "Bennett", date(2012, 1, 2), nhs_number="9434765919")

    (match,) = find_possible_duplicates(
        given_name="Zara",
        family_name="Quartermaine",
        date_of_birth=date(2019, 8, 30),
        nhs_number="9434765919",
    )

    assert match.person == kept
    assert match.reasons[0] == "Same NHS number"


def test_duplicate_check_offers_restricted_record_when_it_matches(team_manager, william):
    restrict(team_manager, william, "OTHER")

    assert _first("Bill", "Ashworth-Clarke", date(2016, 7, 4)).person == william


@pytest.mark.django_db
def test_duplicate_check_keeps_recall_on_the_fixed_benchmark_set(social_worker):
    """500 synthetic people and 500 corrupted copies (every error type), always the same."""
    people = register(500, seed=18)
    created = services.bulk_create_people(
        actor=social_worker,
        rows=[
            services.NewPerson(
                data={
                    "record_type": "CHILD",
                    "given_name": p.given_name,
                    "family_name": p.family_name,
                    "date_of_birth": p.date_of_birth,
                }
            )
            for p in people
        ],
    )

    def check(record):
        matches = find_possible_duplicates(
            given_name=record.given_name, family_name=record.family_name, date_of_birth=record.date_of_birth
        )
        return [m.person.pk for m in matches]

    outcomes = check_copies(corrupted_copies(people, 500, seed=19), [p.pk for p in created], check)

    assert outcomes["all"].recall >= RECALL_FLOOR
    assert outcomes["all"].first_precision >= FIRST_RIGHT_FLOOR
    assert all(o.recall >= 0.9 for o in outcomes.values()), {k: o.recall for k, o in outcomes.items()}
