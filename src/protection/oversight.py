"""Managers' oversight queries, built on the shared worklist (core.worklist):
decisions awaiting sign-off, and children with open work but no current social worker."""

from collections.abc import Collection
from datetime import date

from core.worklist import WorkItem
from core.worklist import awaiting_sign_off as _awaiting_sign_off
from workforce.queries import unallocated_children


def awaiting_sign_off(person_ids: Collection[int], today: date) -> list[WorkItem]:
    return _awaiting_sign_off(person_ids, today)


def unallocated_open_work(today: date) -> list[int]:
    """Ids of children with open assessment, CP or CIN work and no current social worker."""
    return unallocated_children(today)
