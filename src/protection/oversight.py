"""Query functions for managers' oversight pages (the team page belongs to `workforce`).

`awaiting_sign_off(person_ids, today)` lists the decisions waiting for a manager or chair:
assessments submitted for authorisation, CP plans awaiting the chair's sign-off and CIN
plans awaiting a manager's sign-off, oldest first. `unallocated_open_work(today)` lists
children with open assessment, CP or CIN work and no current social worker. Both are
set-based and return `core.worklist.WorkItem` rows, so a template can reuse the work-items
table. Restricted records are the caller's to filter (as for every list across children).
"""

from collections.abc import Collection
from datetime import date

from assessments.models import Assessment, AssessmentStatus
from cin.models import CINPlan
from core.worklist import WorkItem, work_items
from workforce.models import Allocation, AllocationRole

from .models import CPPlan, PlanStatus

SIGN_OFF = "Decision awaiting sign-off"


def awaiting_sign_off(person_ids: Collection[int], today: date) -> list[WorkItem]:
    return [i for i in work_items(person_ids, today) if i.kind == SIGN_OFF]


def unallocated_open_work(today: date) -> list[int]:
    """Ids of children with open assessment, CP or CIN work and no current social worker."""
    open_ids = (
        set(
            Assessment.objects.exclude(status=AssessmentStatus.AUTHORISED).values_list("person_id", flat=True)
        )
        | set(CPPlan.objects.exclude(status=PlanStatus.ENDED).values_list("person_id", flat=True))
        | set(CINPlan.objects.exclude(status=PlanStatus.ENDED).values_list("person_id", flat=True))
    )
    allocated = set(
        Allocation.objects.current(today)
        .filter(role=AllocationRole.SOCIAL_WORKER, person_id__in=open_ids)
        .values_list("person_id", flat=True)
    )
    return sorted(open_ids - allocated)
