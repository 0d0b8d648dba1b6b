"""Allocating children to workers. Each change takes the actor, is atomic and audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

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
    if not actor.has_perm(Permission.ALLOCATE_CHILD.value):
        raise PermissionDenied(Permission.ALLOCATE_CHILD.value)
    if not worker.is_active:
        raise ValidationError({"worker": "Choose a worker whose account is active"})
    open_same = Allocation.objects.select_for_update().filter(person=person, role=role, end_date__isnull=True)
    if open_same.filter(worker=worker).exists():
        raise ValidationError({"worker": "This worker already holds this allocation"})
    if role in SINGLE_HOLDER_ROLES:
        for previous in open_same:
            if start_date < previous.start_date:
                raise ValidationError({"start_date": "The start date is before the current allocation began"})
            _end(actor=actor, allocation=previous, end_date=start_date, reason=reason)
    allocation = Allocation.objects.create(
        person=person,
        worker=worker,
        team=team,
        role=role,
        start_date=start_date,
        start_reason=reason,
        created_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=person,
        obj=allocation,
        summary=f"Allocated: {allocation.get_role_display()}",
        changes={
            "worker": worker.pk,
            "team": team.pk,
            "role": role,
            "start_date": start_date,
            "reason": reason,
        },
    )
    return allocation


def _end(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> Allocation:
    if end_date < allocation.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date"})
    allocation.end_date = end_date
    allocation.end_reason = reason
    allocation.ended_by = actor
    allocation.save(update_fields=["end_date", "end_reason", "ended_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=allocation.person,
        obj=allocation,
        summary=f"Allocation ended: {allocation.get_role_display()}",
        changes={"end_date": [None, end_date], "reason": reason},
    )
    return allocation


@transaction.atomic
def end_allocation(*, actor: User, allocation: Allocation, end_date: date, reason: str) -> Allocation:
    if not actor.has_perm(Permission.ALLOCATE_CHILD.value):
        raise PermissionDenied(Permission.ALLOCATE_CHILD.value)
    if allocation.end_date is not None:
        raise ValidationError({"end_date": "This allocation has already ended"})
    return _end(actor=actor, allocation=allocation, end_date=end_date, reason=reason)
