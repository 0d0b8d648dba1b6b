"""Allocating children to workers, and the caseload queries built on allocations."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from audit.models import AuditEvent
from people import services as people
from people.tests.factories import make_person
from workforce import queries, services
from workforce.models import Allocation, AllocationReason, AllocationRole
from workforce.tests import factories

START = date(2025, 1, 6)


@pytest.fixture
def worker_b(make_user):
    return make_user(Role.SOCIAL_WORKER, "worker.b", last_name="Baker")


@pytest.fixture
def make_child(social_worker):
    def make(given: str, family: str = "Child"):
        return make_person(social_worker, given, family)

    return make


@pytest.fixture
def allocate(team_manager, team):
    """`worker` allocated the child from `start`, by the team's manager unless `actor` says."""

    def do(person, worker, start=START, role=AllocationRole.SOCIAL_WORKER, **extra):
        actor = extra.pop("actor", team_manager)
        return factories.allocate(actor, person, worker, extra.pop("team", team), start, role, **extra)

    return do


def test_allocate_creates_open_allocation_and_audits_when_first_worker(allocate, social_worker, child):
    allocation = allocate(child, social_worker)

    assert allocation.is_open
    assert allocation.start_reason == AllocationReason.MANAGE
    event = AuditEvent.objects.get(person_id=child.pk, object_type="workforce.Allocation")
    assert event.changes["worker"] == social_worker.pk
    assert event.changes["start_date"] == START.isoformat()


def test_allocate_ends_previous_social_worker_with_reason_and_same_date_when_reallocated(
    allocate, team_manager, social_worker, worker_b, child
):
    first = allocate(child, social_worker)
    handover = START + timedelta(days=20)

    second = allocate(child, worker_b, start=handover, reason=AllocationReason.LEFTRL)

    first.refresh_from_db()
    assert first.end_date == handover
    assert first.end_reason == AllocationReason.LEFTRL
    assert first.ended_by == team_manager
    assert second.start_date == handover
    assert second.start_reason == AllocationReason.LEFTRL
    assert list(Allocation.objects.filter(person=child, end_date__isnull=True)) == [second]
    ended = AuditEvent.objects.get(object_id=str(first.pk), summary__startswith="Allocation ended")
    assert ended.changes["reason"] == AllocationReason.LEFTRL


def test_allocate_keeps_other_holders_when_role_allows_several(allocate, social_worker, worker_b, child):
    first = allocate(child, social_worker, role=AllocationRole.PARTNER)
    allocate(child, worker_b, role=AllocationRole.PARTNER)

    first.refresh_from_db()
    assert first.is_open
    assert Allocation.objects.filter(person=child, end_date__isnull=True).count() == 2


def test_allocate_refuses_when_start_date_before_current_allocation(allocate, social_worker, worker_b, child):
    first = allocate(child, social_worker)

    with pytest.raises(ValidationError) as excinfo:
        allocate(child, worker_b, start=START - timedelta(days=1))

    assert "start_date" in excinfo.value.error_dict
    first.refresh_from_db()
    assert first.is_open
    assert Allocation.objects.count() == 1


def test_allocate_refuses_when_worker_already_holds_allocation(allocate, social_worker, child):
    allocate(child, social_worker)

    with pytest.raises(ValidationError):
        allocate(child, social_worker, start=START + timedelta(days=1))


def test_allocate_refuses_when_worker_inactive(allocate, worker_b, child):
    worker_b.is_active = False
    worker_b.save()

    with pytest.raises(ValidationError):
        allocate(child, worker_b)


def test_allocate_raises_permission_denied_when_actor_is_social_worker(allocate, social_worker, child):
    with pytest.raises(PermissionDenied):
        allocate(child, social_worker, actor=social_worker)

    assert not Allocation.objects.exists()


def test_end_allocation_ends_once_and_refuses_twice(allocate, team_manager, social_worker, child):
    allocation = allocate(child, social_worker)
    end = START + timedelta(days=30)

    services.end_allocation(
        actor=team_manager, allocation=allocation, end_date=end, reason=AllocationReason.CLOSED
    )

    allocation.refresh_from_db()
    assert (allocation.end_date, allocation.end_reason) == (end, AllocationReason.CLOSED)
    with pytest.raises(ValidationError):
        services.end_allocation(
            actor=team_manager, allocation=allocation, end_date=end, reason=AllocationReason.CLOSED
        )


def test_end_allocation_refuses_when_end_before_start(allocate, team_manager, social_worker, child):
    allocation = allocate(child, social_worker)

    with pytest.raises(ValidationError):
        services.end_allocation(
            actor=team_manager, allocation=allocation, end_date=START - timedelta(days=1), reason="CLOSED"
        )


def test_end_allocation_raises_permission_denied_when_actor_is_social_worker(allocate, social_worker, child):
    allocation = allocate(child, social_worker)

    with pytest.raises(PermissionDenied):
        services.end_allocation(actor=social_worker, allocation=allocation, end_date=START, reason="CLOSED")

    allocation.refresh_from_db()
    assert allocation.is_open


def _past(actor, person, worker, team, role):
    """Record an ended allocation of `role` from a start to an end date."""

    def record(start, end):
        return services.record_past_allocation(
            actor=actor, person=person, worker=worker, team=team, role=role, start_date=start, end_date=end
        )

    return record


def test_record_past_allocation_refuses_an_overlap_but_allows_a_shared_boundary(
    allocate, team_manager, social_worker, worker_b, team, child
):
    allocate(child, social_worker)  # open from START
    past = _past(team_manager, child, worker_b, team, AllocationRole.SOCIAL_WORKER)

    with pytest.raises(ValidationError):
        past(START - timedelta(days=10), START + timedelta(days=1))
    earlier = past(START - timedelta(days=10), START)

    assert (earlier.start_date, earlier.end_date, earlier.ended_by) == (
        START - timedelta(days=10),
        START,
        team_manager,
    )
    assert [e.summary for e in AuditEvent.objects.filter(object_id=str(earlier.pk)).order_by("id")] == [
        "Allocated: Allocated social worker",
        "Allocation ended: Allocated social worker",
    ]


def test_each_allocation_change_says_the_childs_record_changed(
    told, allocate, team_manager, social_worker, worker_b, team, child
):
    first, allocated = told(lambda: allocate(child, social_worker))
    _, bulk = told(
        lambda: services.bulk_allocate(
            actor=team_manager,
            items=[
                services.NewAllocation(
                    person=child, worker=worker_b, team=team, role=AllocationRole.PARTNER, start_date=START
                )
            ],
        )
    )
    _, ended = told(
        lambda: services.end_allocation(
            actor=team_manager, allocation=first, end_date=START, reason=AllocationReason.CLOSED
        )
    )
    _, past = told(
        lambda: _past(team_manager, child, worker_b, team, AllocationRole.IRO)(
            START - timedelta(days=30), START
        )
    )

    assert allocated == bulk == ended == past == {child.pk}


@pytest.fixture
def caseloads(allocate, make_user, social_worker, worker_b, make_child, team):
    """Three children with social_worker, one with worker_b; one ended, one in another team."""
    other_team = Team.objects.create(name="Children in Care 1", kind=TeamKind.CHILDREN_IN_CARE)
    outsider = make_user(Role.SOCIAL_WORKER, "outsider", team=other_team)
    a, b, c, d, e = (make_child(n) for n in ("Ada", "Ben", "Cal", "Dee", "Eve"))
    allocate(a, social_worker, start=START)
    allocate(b, social_worker, start=START + timedelta(days=1))
    allocate(c, social_worker, start=START + timedelta(days=2))
    allocate(c, worker_b, start=START + timedelta(days=10))  # c moves to worker_b
    allocate(d, worker_b, start=START + timedelta(days=3), role=AllocationRole.LEAD_PROFESSIONAL)
    allocate(e, outsider, start=START, team=other_team)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "outsider": outsider, "other_team": other_team}


def test_caseload_for_lists_current_children_oldest_first_when_allocated(social_worker, worker_b, caseloads):
    on = START + timedelta(days=20)

    assert [al.person for al in queries.caseload_for(social_worker, on)] == [caseloads["a"], caseloads["b"]]
    assert {al.person for al in queries.caseload_for(worker_b, on)} == {caseloads["c"], caseloads["d"]}


def test_caseload_for_answers_as_of_a_date_when_date_given(social_worker, caseloads):
    on = START + timedelta(days=5)

    assert [al.person for al in queries.caseload_for(social_worker, on)] == [
        caseloads["a"],
        caseloads["b"],
        caseloads["c"],
    ]
    assert list(queries.caseload_for(social_worker, START - timedelta(days=1))) == []


def test_caseload_for_leaves_out_merged_children_when_merged(team_manager, social_worker, caseloads):
    people.merge_people(
        actor=team_manager, survivor=caseloads["d"], duplicate=caseloads["a"], reason="Same child"
    )

    on = START + timedelta(days=20)
    assert [al.person for al in queries.caseload_for(social_worker, on)] == [caseloads["d"], caseloads["b"]]


def test_team_caseload_lists_only_the_teams_current_allocations_when_asked(team, caseloads):
    on = START + timedelta(days=20)

    assert {al.person for al in queries.team_caseload(team, on)} == {
        caseloads["a"],
        caseloads["b"],
        caseloads["c"],
        caseloads["d"],
    }
    assert [al.person for al in queries.team_caseload(caseloads["other_team"], on)] == [caseloads["e"]]


def test_team_workers_counts_current_children_per_worker_when_asked(
    team, social_worker, worker_b, team_manager, caseloads
):
    loads = {load.worker: load.children for load in queries.team_workers(team, START + timedelta(days=20))}

    assert loads == {social_worker: 2, worker_b: 2, team_manager: 0}
    assert {load.worker: load.children for load in queries.team_workers(caseloads["other_team"])} == {
        caseloads["outsider"]: 1
    }


def test_team_workers_counts_as_of_a_date_when_date_given(team, social_worker, worker_b, caseloads):
    loads = {load.worker: load.children for load in queries.team_workers(team, START + timedelta(days=5))}

    assert loads[social_worker] == 3
    assert loads[worker_b] == 1


def test_current_social_worker_and_history_when_reallocated(social_worker, worker_b, caseloads):
    child = caseloads["c"]

    assert queries.current_social_worker(child.pk).worker == worker_b
    assert [al.worker for al in queries.allocation_history(child.pk)] == [worker_b, social_worker]
