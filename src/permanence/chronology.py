"""Pre-proceedings, court and adoption in the child's chronology (see casework.chronology)."""

from collections.abc import Collection, Iterator

from casework.chronology import ChronologyEvent, Kind

from .models import AdoptionCase, CareProceedings, CourtOrder, PreProceedings

ADOPTION_STEPS = (
    ("adm_decision_date", "Decision that the child should be placed for adoption"),
    ("authority_date", "Authority to place for adoption"),
    ("matched_date", "Matched with adopters"),
    ("placed_date", "Placed for adoption"),
    ("adoption_order_date", "Adoption order made"),
    ("reversed_date", "Adoption decision reversed"),
)


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for p in PreProceedings.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=p.person_id,
            occurred_on=p.decision_date,
            kind=Kind.COURT,
            title="Pre-proceedings started",
            summary="Decision to enter pre-proceedings (PLO).",
            source="permanence.PreProceedings",
            source_key=f"permanence.PreProceedings:{p.pk}",
        )
    for c in CareProceedings.objects.filter(person_id__in=person_ids):
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
    for o in CourtOrder.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=o.person_id,
            occurred_on=o.made_on,
            kind=Kind.COURT,
            title=f"{o.get_order_type_display()} made",
            summary=f"The court made a {o.get_order_type_display().lower()}.",
            source="permanence.CourtOrder",
            source_key=f"permanence.CourtOrder:{o.pk}",
        )
    for a in AdoptionCase.objects.filter(person_id__in=person_ids):
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
