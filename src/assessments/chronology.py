"""Assessments in the child's chronology (see casework.chronology for the interface)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from casework.chronology import ChronologyEvent, Kind, Source


def _assessment(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for a in rows:
        key = f"assessments.Assessment:{a.pk}"
        yield ChronologyEvent(
            person_id=a.person_id,
            occurred_on=a.start_date,
            kind=Kind.ASSESSMENT,
            title=f"{a.get_kind_display()} started",
            summary=f"{a.get_kind_display()} started; due by {a.due_date:%-d %B %Y}.",
            source="assessments.Assessment",
            source_key=key,
        )
        if a.authorised_on:
            outcomes = ", ".join(a.outcomes) if isinstance(a.outcomes, list) else ""
            yield ChronologyEvent(
                person_id=a.person_id,
                occurred_on=a.authorised_on,
                kind=Kind.ASSESSMENT,
                title=f"{a.get_kind_display()} authorised",
                summary="Assessment completed and authorised by a manager"
                + (f"; outcome: {outcomes.lower().replace('_', ' ')}." if outcomes else "."),
                source="assessments.Assessment",
                source_key=f"{key}:authorised",
            )


SOURCES = (Source("assessments.Assessment", _assessment, extra=(Q(authorised_on__isnull=False),)),)
