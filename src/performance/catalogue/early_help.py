"""Early help episodes: open, started and stepped up to children's social care (local
measures: early help has no DfE collection)."""

from __future__ import annotations

from early_help.models import EarlyHelpEpisode, EndReason

from ..periods import Period
from .base import Item, Polarity, Source, Unit, declare
from .query import dmy, known, open_on, within

FAMILY = "Early help"


def _open(period: Period) -> list[Item]:
    rows = EarlyHelpEpisode.objects.filter(open_on(period.end)).values_list("person_id", "start_date")
    return [Item(pid, period.end, what=f"Early help since {dmy(day)}") for pid, day in rows]


declare(
    id="early_help_open",
    title="Children in early help at the period end",
    definition="Children with an early help episode open at the end of the period's last day.",
    source=Source.LOCAL,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Children with an open early help episode",
    items=_open,
    family=FAMILY,
    as_at=True,
    distinct_children=True,
)


def _started(period: Period) -> list[Item]:
    rows = EarlyHelpEpisode.objects.filter(within("start_date", period)).values_list(
        "person_id", "start_date", "entry_route"
    )
    return [Item(pid, day, hit=route == "STEP_DOWN", what=f"Started {dmy(day)}") for pid, day, route in rows]


declare(
    id="early_help_started",
    title="Early help episodes started",
    definition="Early help episodes starting in the period, however the family came to early help.",
    source=Source.LOCAL,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Episodes starting in the period",
    items=_started,
    family=FAMILY,
)


def _ended(period: Period) -> list[Item]:
    rows = EarlyHelpEpisode.objects.filter(within("end_date", period)).values_list(
        "person_id", "end_date", "end_reason"
    )
    return [
        Item(pid, known(day), hit=reason == EndReason.STEP_UP, what=f"Ended {dmy(day)}")
        for pid, day, reason in rows
    ]


declare(
    id="early_help_stepped_up",
    title="Early help episodes stepped up to social care",
    definition="Of the early help episodes ending in the period, the percentage stepped up to "
    "children's social care.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.NEUTRAL,
    numerator="Episodes ending with a step up",
    denominator="Episodes ending in the period",
    items=_ended,
    family=FAMILY,
)
