"""Chronology events from allocations: who the child's worker is, and every change."""

from collections.abc import Collection, Iterator

from workforce.models import Allocation

from ..chronology import ChronologyEvent, Kind


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    rows = Allocation.objects.filter(person_id__in=person_ids).select_related("worker", "team")
    for a in rows:
        role = a.get_role_display().lower()
        yield ChronologyEvent(
            person_id=a.person_id,
            occurred_on=a.start_date,
            kind=Kind.ALLOCATION,
            title="Worker allocated",
            summary=f"{a.worker.display_name} ({a.team.name}) became the {role}: {a.get_start_reason_display().lower()}.",
            source="workforce.Allocation",
            source_key=f"workforce.Allocation:{a.pk}",
        )
        if a.end_date:
            reason = f": {a.get_end_reason_display().lower()}" if a.end_reason else ""
            yield ChronologyEvent(
                person_id=a.person_id,
                occurred_on=a.end_date,
                kind=Kind.ALLOCATION,
                title="Worker allocation ended",
                summary=f"{a.worker.display_name} stopped being the {role}{reason}.",
                source="workforce.Allocation",
                source_key=f"workforce.Allocation:{a.pk}:ended",
            )
