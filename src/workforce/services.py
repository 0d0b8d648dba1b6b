"""Allocating children to workers. Each change takes the actor, is atomic and audited."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from accounts.models import Team, User
from accounts.permissions import Permission
from audit import services as auditor
from audit.models import AuditAction
from people.models import Person

from .models import Allocation, AllocationReason, AllocationRole

# Only one worker holds each of these roles for a child at a time.
SINGLE_HOLDER_ROLES = frozenset(
    {
        AllocationRole.SOCIAL_WORKER,
        AllocationRole.IRO,
        AllocationRole.PERSONAL_ADVISER,
        AllocationRole.CP_CHAIR,
        AllocationRole.LEAD_PROFESSIONAL,
    }
)


@dataclass(frozen=True)
class NewAllocation:
    """One row for `bulk_allocate`: what `allocate` takes."""

    person: Person
    worker: User
    team: Team
    role: str
    start_date: date
    reason: str = AllocationReason.MANAGE


@transaction.atomic
def allocate(
    *,
    actor: User,
    person: Person,
    worker: User,
    team: Team,
    role: str,
    start_date: date,
    reason: str = AllocationReason.MANAGE,
) -> Allocation:
    """Allocate `person` to `worker`; the previous holder of a single-holder role is ended."""
    item = NewAllocation(
        person=person, worker=worker, team=team, role=role, start_date=start_date, reason=reason
    )
    return bulk_allocate(actor=actor, items=[item])[0]


_IN_CHUNK = 500


def _open_allocations(person_ids: set[int]) -> defaultdict[tuple[int, str], list[Allocation]]:
    """Current allocations of these people by (person, role), most recent first."""
    found: defaultdict[tuple[int, str], list[Allocation]] = defaultdict(list)
    ids = sorted(person_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        rows = Allocation.objects.select_for_update().filter(
            person_id__in=ids[start : start + _IN_CHUNK], end_date__isnull=True
        )
        for row in rows.order_by("-start_date", "-id"):
            found[(row.person_id, row.role)].append(row)
    return found


def _started_event(actor: User, allocation: Allocation) -> auditor.PendingEvent:
    return auditor.event(
        actor=actor,
        action=AuditAction.UPDATE,
        person=allocation.person_id,
        obj=allocation,
        summary=f"Allocated: {allocation.get_role_display()}",
        changes={
            "worker": allocation.worker_id,
            "team": allocation.team_id,
            "role": allocation.role,
            "start_date": allocation.start_date,
            "reason": allocation.start_reason,
        },
    )


def _ended_event(actor: User, allocation: Allocation) -> auditor.PendingEvent:
    return auditor.event(
        actor=actor,
        action=AuditAction.UPDATE,
        person=allocation.person_id,
        obj=allocation,
        summary=f"Allocation ended: {allocation.get_role_display()}",
        changes={"end_date": [None, allocation.end_date], "reason": allocation.end_reason},
    )


def _close(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> None:
    if end_date < allocation.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date"})
    allocation.end_date = end_date
    allocation.end_reason = reason
    allocation.ended_by = actor


@transaction.atomic
def bulk_allocate(*, actor: User, items: Sequence[NewAllocation]) -> list[Allocation]:
    """`allocate` for many rows, in the order given (as if one at a time), in a few queries.

    A child's earlier allocation in the same call is ended by a later one, so a whole
    allocation history can be written at once.
    """
    if not actor.has_perm(Permission.ALLOCATE_CHILD.value):
        raise PermissionDenied(Permission.ALLOCATE_CHILD.value)
    current = _open_allocations({item.person.pk for item in items})
    created: list[Allocation] = []
    ended: dict[int, Allocation] = {}
    events: list[tuple[str, Allocation]] = []  # ("start" | "end", allocation), in order
    for item in items:
        if not item.worker.is_active:
            raise ValidationError({"worker": "Choose a worker whose account is active"})
        open_same = current[(item.person.pk, item.role)]
        if any(a.worker_id == item.worker.pk for a in open_same):
            raise ValidationError({"worker": "This worker already holds this allocation"})
        if item.role in SINGLE_HOLDER_ROLES:
            for previous in list(open_same):
                if item.start_date < previous.start_date:
                    raise ValidationError(
                        {"start_date": "The start date is before the current allocation began"}
                    )
                _close(actor=actor, allocation=previous, end_date=item.start_date, reason=item.reason)
                open_same.remove(previous)
                events.append(("end", previous))
                if previous.pk is not None:
                    ended[previous.pk] = previous
        allocation = Allocation(
            person=item.person,
            worker=item.worker,
            team=item.team,
            role=item.role,
            start_date=item.start_date,
            start_reason=item.reason,
            created_by=actor,
        )
        open_same.insert(0, allocation)
        created.append(allocation)
        events.append(("start", allocation))
    Allocation.objects.bulk_update(
        list(ended.values()), ["end_date", "end_reason", "ended_by"], batch_size=2000
    )
    Allocation.objects.bulk_create(created, batch_size=2000)
    auditor.record_many(
        _started_event(actor, allocation) if kind == "start" else _ended_event(actor, allocation)
        for kind, allocation in events
    )
    return created


def _end(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> Allocation:
    _close(actor=actor, allocation=allocation, end_date=end_date, reason=reason)
    allocation.save(update_fields=["end_date", "end_reason", "ended_by"])
    auditor.record_many([_ended_event(actor, allocation)])
    return allocation


@transaction.atomic
def end_allocation(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> Allocation:
    if not actor.has_perm(Permission.ALLOCATE_CHILD.value):
        raise PermissionDenied(Permission.ALLOCATE_CHILD.value)
    if allocation.end_date is not None:
        raise ValidationError({"end_date": "This allocation has already ended"})
    return _end(actor=actor, allocation=allocation, end_date=end_date, reason=reason)


@transaction.atomic
def record_past_allocation(
    *,
    actor: User,
    person: Person,
    worker: User,
    team: Team,
    role: str,
    start_date: date,
    end_date: date,
    reason: str = AllocationReason.FCONTA,
    end_reason: str = AllocationReason.TSPROC,
) -> Allocation:
    """Record an allocation that has already ended (history from an older system, or a gap
    found later): it must not overlap another allocation of a single-holder role."""
    if not actor.has_perm(Permission.ALLOCATE_CHILD.value):
        raise PermissionDenied(Permission.ALLOCATE_CHILD.value)
    if end_date < start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date"})
    if role in SINGLE_HOLDER_ROLES:
        # Touching at a boundary is allowed: one worker's last day is the next one's first.
        overlapping = Allocation.objects.filter(person=person, role=role, start_date__lt=end_date).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=start_date)
        )
        if overlapping.exists():
            raise ValidationError({"start_date": "Another worker held this allocation at that time"})
    allocation = Allocation.objects.create(
        person=person,
        worker=worker,
        team=team,
        role=role,
        start_date=start_date,
        start_reason=reason,
        end_date=end_date,
        end_reason=end_reason,
        created_by=actor,
        ended_by=actor,
    )
    auditor.record_many([_started_event(actor, allocation), _ended_event(actor, allocation)])
    return allocation
