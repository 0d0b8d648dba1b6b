"""Complaint stage clocks for "My work"."""

from collections.abc import Collection, Iterable
from datetime import date

from django.urls import reverse

from core.worklist import WorkItem

from . import clocks
from .models import Complaint


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for c in (
        Complaint.objects.filter(person_id__in=person_ids).exclude(status="CLOSED").select_related("person")
    ):
        found = clocks.stage_due(c)
        if found:
            rule_id, due = found
            yield WorkItem(
                c.person_id,
                c.person.display_name,
                f"Complaint: {c.get_status_display()}",
                rule_id,
                due,
                None,
                reverse("people:detail", args=[c.person_id]),
                "rights",
            )
