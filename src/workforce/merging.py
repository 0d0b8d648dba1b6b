"""After two records of one child are merged: their open allocations of one role become one;
and when the merge is undone, the allocations it ended are open again."""

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError

from accounts.models import User
from audit import services as auditor
from audit.models import AuditAction
from people.models import Person

from .models import Allocation, AllocationReason, AllocationRole
from .services import _ENDED_FIELDS, SINGLE_HOLDER_ROLES, _close, _event


def after_merge(actor: User, survivor: Person) -> dict[str, object]:
    """End the survivor's open allocations that both records held: for a role one worker
    holds at a time, every one but the most recently started; for other roles, a worker's
    second allocation of the same role. Each ends on the kept one's start date, audited;
    the rows stay as history. Returns the ended allocations' ids for the merge's audit."""
    open_by_role: defaultdict[str, list[Allocation]] = defaultdict(list)
    for allocation in Allocation.objects.filter(person=survivor, end_date__isnull=True).order_by(
        "-start_date", "-pk"
    ):
        open_by_role[allocation.role].append(allocation)
    ended: list[Allocation] = []
    for role, allocations in open_by_role.items():
        kept: dict[object, Allocation] = {}
        for allocation in allocations:
            holder = None if role in SINGLE_HOLDER_ROLES else allocation.worker_id
            first = kept.setdefault(holder, allocation)
            if first is not allocation:
                _close(
                    actor=actor,
                    allocation=allocation,
                    end_date=first.start_date,
                    reason=AllocationReason.MANAGE,
                )
                allocation.save(update_fields=_ENDED_FIELDS)
                ended.append(allocation)
    auditor.record_many([_event(actor, allocation, started=False) for allocation in ended])
    return {"allocations ended": [a.pk for a in ended]} if ended else {}


def undo_merge(actor: User, done: dict[str, Any]) -> None:
    """Reopen the allocations the merge ended (`done` is what `after_merge` returned), once
    each is back on the record it came from; audited. Refuses when the child has since
    been allocated again in that role, as reopening would leave two holders."""
    reopened: list[Allocation] = []
    for allocation in Allocation.objects.filter(pk__in=done.get("allocations ended", [])).order_by("pk"):
        if allocation.end_date is None:
            continue
        holders = Allocation.objects.filter(
            person_id=allocation.person_id, role=allocation.role, end_date__isnull=True
        )
        if allocation.role not in SINGLE_HOLDER_ROLES:
            holders = holders.filter(worker_id=allocation.worker_id)
        if holders.exists():
            role = AllocationRole(allocation.role).label.lower()
            raise ValidationError(
                f"The {role} allocation has changed since the merge: someone else now holds it"
            )
        ended_on = allocation.end_date
        allocation.end_date, allocation.end_reason, allocation.ended_by = None, "", None
        allocation.save(update_fields=_ENDED_FIELDS)
        reopened.append(allocation)
        auditor.record(
            actor=actor,
            action=AuditAction.UPDATE,
            person=allocation.person_id,
            obj=allocation,
            summary=f"Allocation reopened: {allocation.get_role_display()}",
            changes={"end_date": [ended_on, None]},
        )
