"""bulk_allocate writes a whole allocation history at once, as allocate would one by one."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Role
from audit.models import AuditEvent
from workforce import services
from workforce.models import Allocation, AllocationReason, AllocationRole

START = date(2025, 1, 6)
HANDOVER = date(2025, 3, 3)


@pytest.fixture
def worker_b(make_user):
    return make_user(Role.SOCIAL_WORKER, "worker.b", last_name="Baker")


def _history(person, first, second, team):
    """`first` the child's social worker from START, handing over to `second` at HANDOVER."""
    return [
        services.NewAllocation(
            person=person,
            worker=worker,
            team=team,
            role=AllocationRole.SOCIAL_WORKER,
            start_date=on,
            reason=reason,
        )
        for worker, on, reason in ((first, START, "FCONTA"), (second, HANDOVER, AllocationReason.LEFTRL))
    ]


def test_bulk_allocate_ends_the_earlier_worker_in_the_same_call(
    team_manager, social_worker, worker_b, team, child
):
    first, second = services.bulk_allocate(
        actor=team_manager, items=_history(child, social_worker, worker_b, team)
    )

    first.refresh_from_db()
    assert (first.end_date, first.end_reason, first.ended_by) == (
        HANDOVER,
        AllocationReason.LEFTRL,
        team_manager,
    )
    assert second.is_open and second.start_reason == AllocationReason.LEFTRL
    summaries = list(
        AuditEvent.objects.filter(person_id=child.pk, object_type="workforce.Allocation")
        .order_by("id")
        .values_list("summary", "object_id")
    )
    assert summaries == [
        ("Allocated: Allocated social worker", str(first.pk)),
        ("Allocation ended: Allocated social worker", str(first.pk)),
        ("Allocated: Allocated social worker", str(second.pk)),
    ]


def test_bulk_allocate_matches_allocate_one_at_a_time(team_manager, social_worker, worker_b, team, child):
    one, two = _history(child, social_worker, worker_b, team)
    services.allocate(actor=team_manager, **_kwargs(one))
    services.allocate(actor=team_manager, **_kwargs(two))
    expected = _rows(child)
    Allocation.objects.all().delete()

    services.bulk_allocate(actor=team_manager, items=[one, two])

    assert _rows(child) == expected


def _kwargs(item):
    return {
        "person": item.person,
        "worker": item.worker,
        "team": item.team,
        "role": item.role,
        "start_date": item.start_date,
        "reason": item.reason,
    }


def _rows(person):
    return list(
        Allocation.objects.filter(person=person)
        .order_by("start_date")
        .values_list("worker_id", "start_date", "start_reason", "end_date", "end_reason", "ended_by_id")
    )


def test_bulk_allocate_refuses_everything_when_one_row_is_wrong(team_manager, social_worker, team, child):
    items = _history(child, social_worker, social_worker, team)  # the same worker twice

    with pytest.raises(ValidationError):
        services.bulk_allocate(actor=team_manager, items=items)

    assert not Allocation.objects.exists()


def test_bulk_allocate_refuses_when_actor_may_not_allocate(social_worker, worker_b, team, child):
    with pytest.raises(PermissionDenied):
        services.bulk_allocate(actor=social_worker, items=_history(child, social_worker, worker_b, team))
