"""Pre-proceedings, court and adoption in the child's chronology (see casework.chronology)."""

from typing import Any

from casework.chronology import Event, Kind, Source

ADOPTION_STEPS = (
    ("adm_decision_date", "Decision that the child should be placed for adoption"),
    ("authority_date", "Authority to place for adoption"),
    ("matched_date", "Matched with adopters"),
    ("placed_date", "Placed for adoption"),
    ("adoption_order_date", "Adoption order made"),
    ("reversed_date", "Adoption decision reversed"),
)


def _adoption_step(field: str, title: str) -> Event[Any]:
    """The event of an adoption case that has reached this step (its date recorded)."""
    return Event.once(
        kind=Kind.COURT,
        on=field,
        title=title,
        summary=f"{title}.",
        suffix=f":{field}",
    )


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "permanence.PreProceedings",
        (
            Event(
                on="decision_date",
                title="Pre-proceedings started",
                summary="Decision to enter pre-proceedings (PLO).",
            ),
        ),
        kind=Kind.COURT,
    ),
    Source(
        "permanence.CareProceedings",
        Event.span(
            ("Care proceedings issued", "Care proceedings issued (26-week timetable)."),
            ("Care proceedings concluded", "Care proceedings concluded."),
            start="issue_date",
            end="concluded_on",
            suffix=":concluded",
        ),
        kind=Kind.COURT,
    ),
    Source(
        "permanence.CourtOrder",
        (
            Event(
                on="made_on",
                title=lambda o: f"{o.get_order_type_display()} made",
                summary=lambda o: f"The court made a {o.get_order_type_display().lower()}.",
            ),
        ),
        kind=Kind.COURT,
    ),
    # An adoption case yields one event per step it has reached.
    Source("permanence.AdoptionCase", tuple(_adoption_step(field, title) for field, title in ADOPTION_STEPS)),
)
