"""Merging two records of one child leaves one open allocation of each role both held."""

from datetime import date

import pytest

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from people import services as people_services
from people.tests.factories import make_person
from workforce.models import Allocation, AllocationRole
from workforce.tests.factories import allocate


@pytest.fixture
def twice_recorded(social_worker):
    survivor = make_person(social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 27))
    duplicate = make_person(social_worker, "Amelia", "Hughs", date_of_birth=date(2015, 3, 27))
    return survivor, duplicate


def _merge(actor, survivor, duplicate):
    return people_services.merge_people(
        actor=actor, survivor=survivor, duplicate=duplicate, reason="Same child"
    )


def test_merge_keeps_the_latest_social_worker_when_both_records_had_one(
    team_manager, social_worker, make_user, team, twice_recorded
):
    survivor, duplicate = twice_recorded
    other = make_user(Role.SOCIAL_WORKER, "other.worker")
    earlier = allocate(team_manager, survivor, social_worker, team, date(2024, 1, 1))
    later = allocate(team_manager, duplicate, other, team, date(2024, 6, 1))

    record = _merge(team_manager, survivor, duplicate)

    earlier.refresh_from_db()
    assert list(Allocation.objects.filter(person=survivor, end_date__isnull=True)) == [later]
    assert earlier.end_date == date(2024, 6, 1)
    merge_event = AuditEvent.objects.get(
        person_id=survivor.pk, action=AuditAction.MERGE, object_id=str(record.pk)
    )
    assert merge_event.changes["collapsed"]["allocations ended"] == [earlier.pk]
    assert AuditEvent.objects.filter(
        object_id=str(earlier.pk), summary__startswith="Allocation ended"
    ).exists()


def test_merge_keeps_two_workers_in_a_shared_role_but_not_one_worker_twice(
    team_manager, social_worker, make_user, team, twice_recorded
):
    survivor, duplicate = twice_recorded
    other = make_user(Role.SOCIAL_WORKER, "other.worker")
    role = AllocationRole.EARLY_HELP_WORKER
    allocate(team_manager, survivor, social_worker, team, date(2024, 1, 1), role=role)
    allocate(team_manager, duplicate, social_worker, team, date(2024, 3, 1), role=role)
    allocate(team_manager, duplicate, other, team, date(2024, 2, 1), role=role)

    _merge(team_manager, survivor, duplicate)

    open_rows = Allocation.objects.filter(person=survivor, end_date__isnull=True)
    assert sorted(open_rows.values_list("worker__username", flat=True)) == ["other.worker", "social.worker"]
    assert Allocation.objects.filter(person=survivor).count() == 3
