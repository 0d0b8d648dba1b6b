"""A child protection visit needs a child protection plan (see core.extensions)."""

from datetime import date
from typing import Any

from django.db.models import Q

from casework.models import VisitKind

from .models import CPPlan


def refusals(person: Any, kind: str, visited_on: date) -> dict[str, str]:
    if kind != VisitKind.CP:
        return {}
    on_plan = (
        CPPlan.objects.filter(person=person, start_date__lte=visited_on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=visited_on))
        .exists()
    )
    if on_plan:
        return {}
    return {
        "kind": f"{person.display_name} was not on a child protection plan on "
        f"{visited_on:%-d %B %Y}: choose the type of visit that fits, such as a child in need visit"
    }
