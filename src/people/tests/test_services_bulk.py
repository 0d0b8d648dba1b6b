"""The bulk person services do exactly what the single-record ones do, for many rows."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from people import services
from people.models import Address, IdentifierSequence, NameKey, Person, PersonDisability, PersonRelationship

DATA = {
    "record_type": "CHILD",
    "given_name": " Zuzanna ",
    "family_name": "Wiśniewska",
    "preferred_name": "Zuzia",
    "date_of_birth": date(2016, 4, 2),
    "sex": "F",
    "ethnicity": "WOTH",
    "first_language": "POL",
}
HOME = services.NewAddress(
    line_1=" 4 Quay Street ", town="Harbourside", postcode="hb1 2ab", start_date=date(2020, 1, 1)
)


def _fields(person: Person) -> dict:
    return {
        name: getattr(person, name)
        for name in (*services.PERSON_FIELDS, "given_name_norm", "family_name_norm")
    }


def _keys(person: Person) -> set[tuple[str, str]]:
    return set(NameKey.objects.filter(person=person).values_list("part", "key"))


def _created(person: Person) -> AuditEvent:
    return AuditEvent.objects.get(person_id=person.pk, action=AuditAction.CREATE)


def test_bulk_create_people_gives_each_row_what_create_person_gives_one(social_worker):
    single = services.create_person(actor=social_worker, data=DATA, address=HOME, disabilities=["AUT", "LD"])
    bulk, other = services.bulk_create_people(
        actor=social_worker,
        rows=[
            services.NewPerson(data=DATA, address=HOME, disabilities=("LD", "AUT")),
            services.NewPerson(data={**DATA, "given_name": "Maja"}),
        ],
    )

    assert _fields(bulk) == _fields(single)
    assert _keys(bulk) == _keys(single)
    assert _created(bulk).changes == _created(single).changes
    assert [(a.line_1, a.postcode) for a in bulk.addresses.all()] == [("4 Quay Street", "HB1 2AB")]
    assert sorted(PersonDisability.objects.filter(person=bulk).values_list("code", flat=True)) == [
        "AUT",
        "LD",
    ]
    assert [single.la_child_id, bulk.la_child_id, other.la_child_id] == [f"HB{n:07d}" for n in (1, 2, 3)]
    assert bulk.created_by == social_worker


def test_bulk_create_people_saves_nothing_when_any_row_is_invalid(social_worker):
    rows = [
        services.NewPerson(data=DATA),
        services.NewPerson(data={**DATA, "expected_date_of_birth": date(2030, 1, 1)}),
    ]

    with pytest.raises(ValidationError):
        services.bulk_create_people(actor=social_worker, rows=rows)

    assert not Person.objects.exists()
    assert not IdentifierSequence.objects.filter(last_value__gt=0).exists()


def test_bulk_create_people_refuses_when_actor_may_not_create(make_user):
    auditor = make_user(Role.AUDITOR)

    with pytest.raises(PermissionDenied):
        services.bulk_create_people(actor=auditor, rows=[services.NewPerson(data=DATA)])


def test_bulk_add_addresses_ends_each_earlier_home_the_day_before_the_next(social_worker, child):
    moves = [
        (
            child,
            services.NewAddress(
                line_1="1 Mill Lane", town="Saltmoor", postcode="HB5 1AB", start_date=date(2019, 5, 1)
            ),
        ),
        (
            child,
            services.NewAddress(
                line_1="2 Dock Road", town="Harbourside", postcode="HB2 9XY", start_date=date(2022, 3, 7)
            ),
        ),
    ]

    first, second = services.bulk_add_addresses(actor=social_worker, items=moves)

    first.refresh_from_db()
    assert first.end_date == date(2022, 3, 6)
    assert second.end_date is None
    assert AuditEvent.objects.filter(person_id=child.pk, summary="Added an address").count() == 2


def test_bulk_add_addresses_matches_add_address_one_at_a_time(social_worker, child, make_user):
    services.add_address(actor=social_worker, person=child, address=HOME)
    services.bulk_add_addresses(
        actor=social_worker,
        items=[
            (
                child,
                services.NewAddress(
                    line_1="9 Elm Grove", town="Harbourside", postcode="HB3 4PQ", start_date=date(2021, 1, 1)
                ),
            )
        ],
    )

    assert list(
        Address.objects.filter(person=child).order_by("start_date").values_list("start_date", "end_date")
    ) == [
        (date(2020, 1, 1), date(2020, 12, 31)),
        (date(2021, 1, 1), None),
    ]


def test_bulk_add_relationships_records_and_audits_both_people(social_worker, child):
    mother = services.create_person(
        actor=social_worker, data={"record_type": "ADULT", "given_name": "Ewa", "family_name": "Nowak"}
    )
    sister = services.create_person(
        actor=social_worker, data={"record_type": "CHILD", "given_name": "Lena", "family_name": "Nowak"}
    )

    rels = services.bulk_add_relationships(
        actor=social_worker,
        items=[
            services.NewRelationship(
                person_a=mother, person_b=child, type="PARENT", parental_responsibility=True
            ),
            services.NewRelationship(
                person_a=mother, person_b=sister, type="PARENT", parental_responsibility=True
            ),
            services.NewRelationship(
                person_a=child, person_b=sister, type="SIBLING", lives_with=True, notes=" same home "
            ),
        ],
    )

    assert PersonRelationship.objects.count() == 3
    assert rels[2].notes == "same home"
    for rel in rels:
        events = AuditEvent.objects.filter(object_id=str(rel.pk), object_type="people.PersonRelationship")
        assert sorted(events.values_list("person_id", flat=True)) == sorted(
            [rel.person_a_id, rel.person_b_id]
        )


@pytest.mark.parametrize("reverse", [False, True])
def test_bulk_add_relationships_refuses_a_duplicate_in_the_same_call_or_already_recorded(
    social_worker, child, reverse
):
    mother = services.create_person(
        actor=social_worker, data={"record_type": "ADULT", "given_name": "Ewa", "family_name": "Nowak"}
    )
    services.add_relationship(actor=social_worker, person_a=mother, person_b=child, type="PARENT")
    a, b = (child, mother) if reverse else (mother, child)

    with pytest.raises(ValidationError):
        services.bulk_add_relationships(
            actor=social_worker, items=[services.NewRelationship(person_a=a, person_b=b, type="PARENT")]
        )
    with pytest.raises(ValidationError):
        services.bulk_add_relationships(
            actor=social_worker,
            items=[
                services.NewRelationship(person_a=a, person_b=b, type="CARER"),
                services.NewRelationship(person_a=b, person_b=a, type="CARER"),
            ],
        )
    assert PersonRelationship.objects.count() == 1
