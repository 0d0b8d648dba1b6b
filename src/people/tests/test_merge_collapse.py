"""Merging two records that both held the same relationship leaves one, its history audited."""

from datetime import date

import pytest

from audit.models import AuditAction, AuditEvent
from people import services
from people.models import PersonRelationship
from people.tests.factories import make_person


@pytest.fixture
def twice_recorded(social_worker):
    """One child recorded twice, the same mother recorded as parent on each record."""
    mother = make_person(
        social_worker, "Sarah", "Hughes", record_type="ADULT", date_of_birth=date(1990, 1, 5)
    )
    survivor = make_person(social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 27))
    duplicate = make_person(social_worker, "Amelia", "Hughs", date_of_birth=date(2015, 3, 27))
    services.add_relationship(
        actor=social_worker,
        person_a=mother,
        person_b=survivor,
        type="PARENT",
        start_date=date(2018, 1, 1),
        notes="Mother",
    )
    services.add_relationship(
        actor=social_worker,
        person_a=mother,
        person_b=duplicate,
        type="PARENT",
        parental_responsibility=True,
        lives_with=True,
        start_date=date(2015, 3, 27),
        notes="Lives with mother",
    )
    return mother, survivor, duplicate


def _merge(actor, survivor, duplicate):
    return services.merge_people(actor=actor, survivor=survivor, duplicate=duplicate, reason="Same child")


def test_merge_keeps_one_relationship_with_combined_details_when_both_records_had_it(
    team_manager, twice_recorded
):
    mother, survivor, duplicate = twice_recorded

    _merge(team_manager, survivor, duplicate)

    rel = PersonRelationship.objects.get()
    assert (rel.person_a, rel.person_b, rel.type) == (mother, survivor, "PARENT")
    assert rel.parental_responsibility and rel.lives_with
    assert rel.start_date == date(2015, 3, 27) and rel.end_date is None
    assert rel.notes == "Mother; Lives with mother"


def test_merge_audits_the_relationship_given_up_when_collapsed(team_manager, twice_recorded):
    _, survivor, duplicate = twice_recorded
    removed = PersonRelationship.objects.get(person_b=duplicate)

    record = _merge(team_manager, survivor, duplicate)

    event = AuditEvent.objects.get(person_id=survivor.pk, action=AuditAction.MERGE, object_id=str(record.pk))
    (collapsed,) = event.changes["collapsed"]["relationships"]
    assert collapsed["removed"] == removed.pk
    assert collapsed["notes"] == "Lives with mother"
    assert collapsed["start_date"] == "2015-03-27"


def test_merge_keeps_both_relationships_when_types_differ(team_manager, twice_recorded):
    _, survivor, duplicate = twice_recorded
    PersonRelationship.objects.filter(person_b=duplicate).update(type="STEP_PARENT")

    _merge(team_manager, survivor, duplicate)

    assert sorted(PersonRelationship.objects.values_list("type", flat=True)) == ["PARENT", "STEP_PARENT"]
