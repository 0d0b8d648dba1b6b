"""Every person service says whose records it changed (core.extensions.changed), and only
once its transaction commits."""

from datetime import date

from people import services
from people.models import NameKind, RestrictionReason

TODAY = date(2025, 6, 2)
HOME = services.NewAddress(line_1="1 Dock Road", town="Harbourside", postcode="HB1 4AP", start_date=TODAY)


def _adult(actor, given="Sarah"):
    return services.create_person(
        actor=actor, data={"record_type": "ADULT", "given_name": given, "family_name": "Hughes"}
    )


def test_creating_people_says_the_new_records_changed(told, social_worker):
    person, said = told(lambda: _adult(social_worker))
    people, said_bulk = told(
        lambda: services.bulk_create_people(
            actor=social_worker,
            rows=[
                services.NewPerson(data={"record_type": "ADULT", "given_name": n, "family_name": "Lee"})
                for n in "AB"
            ],
        )
    )

    assert said == {person.pk}
    assert said_bulk == {p.pk for p in people}


def test_each_change_to_a_record_says_that_record_changed(told, social_worker, child):
    calls = [
        lambda: services.update_person(
            actor=social_worker, person=child, data={"middle_names": "Rose"}, expected_version=1
        ),
        lambda: services.set_disabilities(actor=social_worker, person=child, codes_=["VIS"]),
        lambda: services.add_name(
            actor=social_worker, person=child, kind=NameKind.ALIAS, given_name="Amy", family_name="Hughes"
        ),
        lambda: services.add_address(actor=social_worker, person=child, address=HOME),
        lambda: services.bulk_add_addresses(actor=social_worker, items=[(child, HOME)]),
        lambda: services.add_alert(
            actor=social_worker, person=child, kind="DOG", details="Dog at the address", start_date=TODAY
        ),
        lambda: services.add_immigration_status(
            actor=social_worker, person=child, status="UASC", start_date=TODAY
        ),
    ]

    assert [told(call)[1] for call in calls] == [{child.pk}] * len(calls)


def test_a_relationship_says_both_people_changed(told, social_worker, child):
    mother, sister = _adult(social_worker), _adult(social_worker, "Lena")

    rel, added = told(
        lambda: services.add_relationship(actor=social_worker, person_a=mother, person_b=child, type="PARENT")
    )
    _, added_bulk = told(
        lambda: services.bulk_add_relationships(
            actor=social_worker,
            items=[services.NewRelationship(person_a=child, person_b=sister, type="SIBLING")],
        )
    )
    _, ended = told(lambda: services.end_relationship(actor=social_worker, relationship=rel, end_date=TODAY))

    assert added == ended == {mother.pk, child.pk}
    assert added_bulk == {child.pk, sister.pk}


def test_a_merge_says_both_records_changed(told, team_manager, social_worker, child):
    duplicate = services.create_person(
        actor=social_worker, data={"record_type": "CHILD", "given_name": "Amelia", "family_name": "Hughes"}
    )

    _, said = told(
        lambda: services.merge_people(
            actor=team_manager, survivor=child, duplicate=duplicate, reason="Same child"
        )
    )

    assert said == {child.pk, duplicate.pk}


def test_an_unchanged_record_and_a_restriction_say_nothing_changed(told, social_worker, team_manager, child):
    """A restriction changes who may open the record, not what it holds."""
    _, unchanged = told(
        lambda: services.update_person(
            actor=social_worker, person=child, data={"given_name": "Amelia"}, expected_version=1
        )
    )
    _, restricted = told(
        lambda: services.restrict_record(
            actor=team_manager,
            person=child,
            reason=RestrictionReason.STAFF_CHILD,
            details="A parent works in the directorate.",
            manager=team_manager,
            named_users=[],
        )
    )

    assert unchanged == restricted == set()
