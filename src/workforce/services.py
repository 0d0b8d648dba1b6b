"""Allocating children to workers. Each change takes the actor, is atomic and audited, and
says that the child's record changed.

`allocate` allocates one child and `bulk_allocate` many, in the order given, in a few
queries (the demo generator); both go through `_take_over`, the rules for a new allocation
beside the child's current ones.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from accounts.models import Team, User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_before
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
BATCH = 2000  # rows per INSERT in `bulk_allocate`
_IN_CHUNK = 500  # ids per `__in` lookup, well inside every backend's parameter limit


@dataclass(frozen=True)
class NewAllocation:
    """One row for `bulk_allocate`: what `allocate` takes."""

    person: Person
    worker: User
    team: Team
    role: str
    start_date: date
    reason: str = AllocationReason.MANAGE


def _close(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> None:
    not_before("end_date", end_date, allocation.start_date, "The end date must be on or after the start date")
    allocation.end_date = end_date
    allocation.end_reason = reason
    allocation.ended_by = actor


def _take_over(actor: User, item: NewAllocation, current: list[Allocation]) -> list[Allocation]:
    """Check `item` against the child's `current` allocations of its role (most recent
    first) and end those it takes over from; returns them. The worker must be active and
    not hold it already; a single-holder role passes from the current holder on the new
    start date, which may not be before theirs."""
    if not item.worker.is_active:
        raise ValidationError({"worker": "Choose a worker whose account is active"})
    if any(a.worker_id == item.worker.pk for a in current):
        raise ValidationError({"worker": "This worker already holds this allocation"})
    if item.role not in SINGLE_HOLDER_ROLES:
        return []
    ended = list(current)
    for previous in ended:
        not_before(
            "start_date",
            item.start_date,
            previous.start_date,
            "The start date is before the current allocation began",
        )
        _close(actor=actor, allocation=previous, end_date=item.start_date, reason=item.reason)
        current.remove(previous)
    return ended


def _row(actor: User, item: NewAllocation) -> Allocation:
    return Allocation(
        person=item.person,
        worker=item.worker,
        team=item.team,
        role=item.role,
        start_date=item.start_date,
        start_reason=item.reason,
        created_by=actor,
    )


def _event(actor: User, allocation: Allocation, *, started: bool) -> auditor.PendingEvent:
    """The audit row of an allocation's start, or of its end."""
    changes: dict[str, object] = (
        {
            "worker": allocation.worker_id,
            "team": allocation.team_id,
            "role": allocation.role,
            "start_date": allocation.start_date,
            "reason": allocation.start_reason,
        }
        if started
        else {"end_date": [None, allocation.end_date], "reason": allocation.end_reason}
    )
    what = "Allocated" if started else "Allocation ended"
    return auditor.event(
        actor=actor,
        action=AuditAction.UPDATE,
        person=allocation.person_id,
        obj=allocation,
        summary=f"{what}: {allocation.get_role_display()}",
        changes=changes,
    )


_ENDED_FIELDS = ["end_date", "end_reason", "ended_by"]


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
    require(actor, Permission.ALLOCATE_CHILD)
    item = NewAllocation(
        person=person, worker=worker, team=team, role=role, start_date=start_date, reason=reason
    )
    current = Allocation.objects.select_for_update().filter(person=person, role=role, end_date__isnull=True)
    ended = _take_over(actor, item, list(current.order_by("-start_date", "-id")))
    Allocation.objects.bulk_update(ended, _ENDED_FIELDS)
    allocation = _row(actor, item)
    allocation.save()
    auditor.record_many(
        [*(_event(actor, a, started=False) for a in ended), _event(actor, allocation, started=True)]
    )
    changed(person)
    return allocation


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


@transaction.atomic
def bulk_allocate(*, actor: User, items: Sequence[NewAllocation]) -> list[Allocation]:
    """`allocate` for many rows, in the order given (as if one at a time), in a few queries.

    A child's earlier allocation in the same call is ended by a later one, so a whole
    allocation history can be written at once.
    """
    require(actor, Permission.ALLOCATE_CHILD)
    current = _open_allocations({item.person.pk for item in items})
    created: list[Allocation] = []
    ended: dict[int, Allocation] = {}
    changes: list[tuple[bool, Allocation]] = []  # (started, allocation) in order, audited once saved
    for item in items:
        open_same = current[(item.person.pk, item.role)]
        for previous in _take_over(actor, item, open_same):
            changes.append((False, previous))
            if previous.pk is not None:
                ended[previous.pk] = previous
        allocation = _row(actor, item)
        open_same.insert(0, allocation)
        created.append(allocation)
        changes.append((True, allocation))
    Allocation.objects.bulk_update(list(ended.values()), _ENDED_FIELDS, batch_size=BATCH)
    Allocation.objects.bulk_create(created, batch_size=BATCH)
    auditor.record_many(_event(actor, a, started=started) for started, a in changes)
    changed(*(item.person for item in items))
    return created


@transaction.atomic
def end_allocation(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> Allocation:
    require(actor, Permission.ALLOCATE_CHILD)
    if allocation.end_date is not None:
        raise ValidationError({"end_date": "This allocation has already ended"})
    _close(actor=actor, allocation=allocation, end_date=end_date, reason=reason)
    allocation.save(update_fields=_ENDED_FIELDS)
    auditor.record_many([_event(actor, allocation, started=False)])
    changed(allocation.person_id)
    return allocation


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
    require(actor, Permission.ALLOCATE_CHILD)
    item = NewAllocation(
        person=person, worker=worker, team=team, role=role, start_date=start_date, reason=reason
    )
    allocation = _row(actor, item)
    _close(actor=actor, allocation=allocation, end_date=end_date, reason=end_reason)
    if role in SINGLE_HOLDER_ROLES:
        # Touching at a boundary is allowed: one worker's last day is the next one's first.
        overlapping = Allocation.objects.filter(person=person, role=role, start_date__lt=end_date).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=start_date)
        )
        if overlapping.exists():
            raise ValidationError({"start_date": "Another worker held this allocation at that time"})
    allocation.save()
    auditor.record_many([_event(actor, allocation, started=True), _event(actor, allocation, started=False)])
    changed(person)
    return allocation
