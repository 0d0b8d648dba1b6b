"""Pre-proceedings, court and adoption in the child's chronology (see casework.chronology)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import AdoptionCase, CareProceedings, CourtOrder, PreProceedings

ADOPTION_STEPS = (
    ("adm_decision_date", "Decision that the child should be placed for adoption"),
    ("authority_date", "Authority to place for adoption"),
    ("matched_date", "Matched with adopters"),
    ("placed_date", "Placed for adoption"),
    ("adoption_order_date", "Adoption order made"),
    ("reversed_date", "Adoption decision reversed"),
)


def _pre_proceedings(p: PreProceedings) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=p.person_id,
        occurred_on=p.decision_date,
        kind=Kind.COURT,
        title="Pre-proceedings started",
        summary="Decision to enter pre-proceedings (PLO).",
        source="permanence.PreProceedings",
        source_key=f"permanence.PreProceedings:{p.pk}",
    )


def _proceedings_issued(c: CareProceedings) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=c.person_id,
        occurred_on=c.issue_date,
        kind=Kind.COURT,
        title="Care proceedings issued",
        summary="Care proceedings issued (26-week timetable).",
        source="permanence.CareProceedings",
        source_key=f"permanence.CareProceedings:{c.pk}",
    )


def _proceedings_concluded(c: CareProceedings) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=c.person_id,
        occurred_on=c.concluded_on,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.COURT,
        title="Care proceedings concluded",
        summary="Care proceedings concluded.",
        source="permanence.CareProceedings",
        source_key=f"permanence.CareProceedings:{c.pk}:concluded",
    )


def _court_order(o: CourtOrder) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=o.person_id,
        occurred_on=o.made_on,
        kind=Kind.COURT,
        title=f"{o.get_order_type_display()} made",
        summary=f"The court made a {o.get_order_type_display().lower()}.",
        source="permanence.CourtOrder",
        source_key=f"permanence.CourtOrder:{o.pk}",
    )


def _adoption_step(field: str, title: str) -> Event[AdoptionCase]:
    """The event of an adoption case that has reached this step (its date recorded)."""

    def build(a: AdoptionCase) -> ChronologyEvent:
        return ChronologyEvent(
            person_id=a.person_id,
            occurred_on=getattr(a, field),
            kind=Kind.COURT,
            title=title,
            summary=f"{title}.",
            source="permanence.AdoptionCase",
            source_key=f"permanence.AdoptionCase:{a.pk}:{field}",
        )

    return Event(build, when=Q(**{f"{field}__isnull": False}))


SOURCES = (
    Source("permanence.PreProceedings", (Event(_pre_proceedings),)),
    Source(
        "permanence.CareProceedings",
        (Event(_proceedings_issued), Event(_proceedings_concluded, when=Q(concluded_on__isnull=False))),
    ),
    Source("permanence.CourtOrder", (Event(_court_order),)),
    # An adoption case yields one event per step it has reached.
    Source("permanence.AdoptionCase", tuple(_adoption_step(field, title) for field, title in ADOPTION_STEPS)),
)
