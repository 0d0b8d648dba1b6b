"""Assessments in the child's chronology (see casework.chronology for the interface)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import Assessment


def _started(a: Assessment) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.start_date,
        kind=Kind.ASSESSMENT,
        title=f"{a.get_kind_display()} started",
        summary=f"{a.get_kind_display()} started; due by {a.due_date:%-d %B %Y}.",
        source="assessments.Assessment",
        source_key=f"assessments.Assessment:{a.pk}",
    )


def _authorised(a: Assessment) -> ChronologyEvent:
    outcomes = ", ".join(a.outcomes) if isinstance(a.outcomes, list) else ""
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.authorised_on,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.ASSESSMENT,
        title=f"{a.get_kind_display()} authorised",
        summary="Assessment completed and authorised by a manager"
        + (f"; outcome: {outcomes.lower().replace('_', ' ')}." if outcomes else "."),
        source="assessments.Assessment",
        source_key=f"assessments.Assessment:{a.pk}:authorised",
    )


SOURCES = (
    Source(
        "assessments.Assessment",
        (Event(_started), Event(_authorised, when=Q(authorised_on__isnull=False))),
    ),
)
