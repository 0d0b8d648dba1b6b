"""Pre-proceedings, court and adoption in the child's chronology (see casework.chronology)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from casework.chronology import ChronologyEvent, Kind, Source

ADOPTION_STEPS = (
    ("adm_decision_date", "Decision that the child should be placed for adoption"),
    ("authority_date", "Authority to place for adoption"),
    ("matched_date", "Matched with adopters"),
    ("placed_date", "Placed for adoption"),
    ("adoption_order_date", "Adoption order made"),
    ("reversed_date", "Adoption decision reversed"),
)


def _pre_proceedings(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for p in rows:
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.decision_date,
            kind=Kind.COURT,
            title="Pre-proceedings started",
            summary="Decision to enter pre-proceedings (PLO).",
            source="permanence.PreProceedings",
            source_key=f"permanence.PreProceedings:{p.pk}",
        )


def _care_proceedings(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for c in rows:
        yield ChronologyEvent(
            person_id=c.person_id,
            occurred_on=c.issue_date,
            kind=Kind.COURT,
            title="Care proceedings issued",
            summary="Care proceedings issued (26-week timetable).",
            source="permanence.CareProceedings",
            source_key=f"permanence.CareProceedings:{c.pk}",
        )
        if c.concluded_on:
            yield ChronologyEvent(
                person_id=c.person_id,
                occurred_on=c.concluded_on,
                kind=Kind.COURT,
                title="Care proceedings concluded",
                summary="Care proceedings concluded.",
                source="permanence.CareProceedings",
                source_key=f"permanence.CareProceedings:{c.pk}:concluded",
            )


def _court_order(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for o in rows:
        yield ChronologyEvent(
            person_id=o.person_id,
            occurred_on=o.made_on,
            kind=Kind.COURT,
            title=f"{o.get_order_type_display()} made",
            summary=f"The court made a {o.get_order_type_display().lower()}.",
            source="permanence.CourtOrder",
            source_key=f"permanence.CourtOrder:{o.pk}",
        )


def _adoption_case(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for a in rows:
        for field, title in ADOPTION_STEPS:
            on = getattr(a, field)
            if on:
                yield ChronologyEvent(
                    person_id=a.person_id,
                    occurred_on=on,
                    kind=Kind.COURT,
                    title=title,
                    summary=f"{title}.",
                    source="permanence.AdoptionCase",
                    source_key=f"permanence.AdoptionCase:{a.pk}:{field}",
                )


SOURCES = (
    Source("permanence.PreProceedings", _pre_proceedings),
    Source("permanence.CareProceedings", _care_proceedings, extra=(Q(concluded_on__isnull=False),)),
    Source("permanence.CourtOrder", _court_order),
    # An adoption case yields one event per step it has reached.
    Source(
        "permanence.AdoptionCase",
        _adoption_case,
        per_row=0,
        extra=tuple(Q(**{f"{step}__isnull": False}) for step, _ in ADOPTION_STEPS),
    ),
)
