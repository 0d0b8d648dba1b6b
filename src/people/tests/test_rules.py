"""The rules every path that writes a person's record raises from (people.rules), and the
search keys of names (people.names.search_keys)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from people import rules
from people.names import phonetic_keys, search_keys


def test_new_person_keeps_details_in_normal_form(social_worker):
    person = rules.new_person(
        {"given_name": "Zoë", "family_name": "O'Brien-Smyth", "religion": None, "date_of_death": None},
        created_by=social_worker,
    )

    assert (person.given_name_norm, person.family_name_norm) == ("zoe", "obriensmyth")
    assert person.religion == ""
    assert person.date_of_death is None
    assert person.created_by == social_worker
    assert person.pk is None


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (
            {"date_of_birth": date(2020, 1, 1), "expected_date_of_birth": date(2026, 1, 1)},
            "expected_date_of_birth",
        ),
        ({"date_of_birth": date(2020, 1, 1), "date_of_death": date(2019, 1, 1)}, "date_of_death"),
        ({"upn": "H801200001001", "former_upn": "H801200001001"}, "former_upn"),
    ],
)
def test_new_person_refuses_details_that_contradict_each_other(social_worker, details, field):
    with pytest.raises(ValidationError) as excinfo:
        rules.new_person({"given_name": "Ann", "family_name": "Lee", **details}, created_by=social_worker)

    assert field in excinfo.value.error_dict


def test_disability_codes_are_sorted_once_each_and_no_disability_stands_alone():
    assert rules.disability_codes(["VIS", "HEAR", "VIS"]) == ["HEAR", "VIS"]
    assert rules.disability_codes(["NONE"]) == ["NONE"]
    with pytest.raises(ValidationError):
        rules.disability_codes(["NONE", "VIS"])


def test_address_row_trims_lines_and_refuses_a_postcode_that_is_not_one(social_worker, child):
    address = rules.NewAddress(
        line_1=" 4 Quay Street ",
        line_2=" Flat 2 ",
        town=" Harbourside ",
        postcode="hb12ab",
        start_date=date(2024, 1, 1),
    )

    row = rules.address_row(child, address, created_by=social_worker)

    assert (row.line_1, row.line_2, row.town, row.postcode) == (
        "4 Quay Street",
        "Flat 2",
        "Harbourside",
        "HB1 2AB",
    )
    with pytest.raises(ValidationError):
        rules.address_row(
            child,
            rules.NewAddress(line_1="1", town="T", postcode="nowhere", start_date=date(2024, 1, 1)),
            created_by=social_worker,
        )


def test_next_la_child_ids_never_issues_one_twice(db):
    first = rules.next_la_child_ids(2)
    second = rules.next_la_child_ids(1)

    assert len(set(first + second)) == 3
    assert int(second[0][-7:]) == int(first[-1][-7:]) + 1


def test_search_keys_index_given_and_family_names_of_every_name():
    keys = search_keys([("Catherine", "Smyth"), ("Kate", "Smyth")])

    assert keys == sorted(set(keys))
    assert {k for part, k in keys if part == "GIVEN"} == phonetic_keys("Catherine") | phonetic_keys("Kate")
    assert {k for part, k in keys if part == "FAMILY"} == phonetic_keys("Smyth")
