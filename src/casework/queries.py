"""Set-based reads of casework records for other stages' clocks."""

from collections.abc import Collection
from datetime import date

from django.db.models import Max

from .models import Visit


def last_seen_visits(person_ids: Collection[int], kind: str) -> dict[int, date]:
    """Each child's latest visit of this kind (e.g. CIN, CP) in which the child was seen, in one
    query; children with none are absent."""
    if not person_ids:
        return {}
    return dict(
        Visit.objects.filter(person_id__in=person_ids, kind=kind, child_seen=True)
        .values("person_id")
        .annotate(last=Max("visited_on"))
        .values_list("person_id", "last")
    )
