"""Early help episodes: open, started and stepped up to children's social care (local
measures: early help has no DfE collection)."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Value

from early_help.models import EarlyHelpEpisode, EndReason

from ..periods import Period
from .base import Polarity, Source, Unit, declare
from .counted import Counted, flag
from .query import dmy, open_on, within

FAMILY = "Early help"


def _open_episodes(period: Period) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(open_on(period.end)).annotate(
        subject=F("person_id"), on=Value(period.end), hit=Value(True)
    )


_open = Counted(_open_episodes, lambda on, day: f"Early help since {dmy(day)}", ("start_date",))


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


def _episodes_started(period: Period) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(within("start_date", period)).annotate(
        subject=F("person_id"), on=F("start_date"), hit=flag(Q(entry_route="STEP_DOWN"))
    )


_started = Counted(_episodes_started, lambda on: f"Started {dmy(on)}")


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


def _episodes_ended(period: Period) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(within("end_date", period)).annotate(
        subject=F("person_id"), on=F("end_date"), hit=flag(Q(end_reason=EndReason.STEP_UP))
    )


_ended = Counted(_episodes_ended, lambda on: f"Ended {dmy(on)}")


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
