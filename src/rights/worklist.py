"""Complaint stage clocks for "My work"."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem

from . import clocks
from .models import Complaint


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for c in Complaint.objects.filter(person_id__in=person_ids).exclude(status="CLOSED"):
        found = clocks.stage_due(c)
        if found:
            rule_id, due = found
            yield WorkItem(
                c.person_id,
                f"Complaint: {c.get_status_display()}",
                rule_id,
                due,
                None,
                url("people:work", c.person_id),
                "rights",
            )
