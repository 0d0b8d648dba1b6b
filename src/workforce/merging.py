"""After two records of one child are merged: their open allocations of one role become one."""

from collections import defaultdict

from accounts.models import User
from audit import services as auditor
from people.models import Person

from .models import Allocation, AllocationReason
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
