"""Casework items for the work lists: subject access requests past their statutory time limit
(one month from receipt, or as extended: `casework.clocks`). They go to whoever may handle
subject access (team and service managers), in the team's list for the child."""

from collections.abc import Collection, Iterable
from datetime import date

from accounts.permissions import Permission
from core.links import url
from core.worklist import WorkItem

from .models import SARStatus, SubjectAccessRequest


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    open_requests = SubjectAccessRequest.objects.filter(person_id__in=person_ids).exclude(
        status=SARStatus.RELEASED
    )
    for sar in open_requests:
        clock = sar.clock(today)
        if not clock.overdue:
            continue
        yield WorkItem(
            sar.person_id,
            "Subject access request overdue" + (" (extended)" if clock.extended else ""),
            "subject_access_extended" if clock.extended else "subject_access",
            clock.due,
            None,
            url("casework:sar_detail", sar.pk),
            "subject_access",
            Permission.HANDLE_SUBJECT_ACCESS.value,
        )
