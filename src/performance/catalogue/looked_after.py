"""Children looked after (DfE Children looked after in England; SSDA903), and the local
practice measures for their reviews and missing episodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Value

from looked_after.models import CareEpisode, LACReview, MissingEpisode, Placement
from timescales.rules import get_rule

from ..periods import Period, add_months
from .base import CATALOGUE, Item, Polarity, Source, Unit, declare
from .counted import Counted, flag
from .query import dmy, local_day, moments, open_on, overlaps, within

FAMILY = "Children looked after"
RETURN_INTERVIEW = get_rule("return_home_interview")  # counted in hours from the return


def _in_care(period: Period) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(open_on(period.end)).annotate(
        subject=F("person_id"), on=Value(period.end), hit=Value(True)
    )


_looked_after = Counted(_in_care, lambda on, day: f"Looked after since {dmy(day)}", ("period__start_date",))


cla = declare(
    id="cla_at_period_end",
    title="Children looked after at the period end",
    definition="Children with an open episode of care at the end of the period's last day "
    "(SSDA903: an episode with no DEC at 31 March).",
    source=Source.CLA,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Children looked after at the period end",
    items=_looked_after,
    family=FAMILY,
    as_at=True,
    distinct_children=True,
)
CATALOGUE.rate_of(cla, id="cla_rate", title="Children looked after per 10,000 children")


def _episodes_started(period: Period) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(within("start_date", period), reason_new_episode="S").annotate(
        subject=F("person_id"), on=F("start_date"), hit=Value(True)
    )


_started = Counted(_episodes_started, lambda on: f"Started to be looked after {dmy(on)}")


declare(
    id="cla_started",
    title="Periods of care started",
    definition="Periods of care starting in the period: SSDA903 episodes with reason for new "
    "episode S. A child who leaves care and returns starts a new period each time.",
    source=Source.CLA,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Episodes with RNE S starting in the period",
    items=_started,
    family=FAMILY,
)


def _episodes_ceased(period: Period) -> QuerySet[CareEpisode]:
    return (
        CareEpisode.objects.filter(within("end_date", period))
        .exclude(reason_ceased="X1")
        .annotate(subject=F("person_id"), on=F("end_date"), hit=Value(True))
    )


_ceased = Counted(_episodes_ceased, lambda on, reason: f"Ceased {dmy(on)} ({reason})", ("reason_ceased",))


declare(
    id="cla_ceased",
    title="Periods of care ended",
    definition="Episodes of care ending in the period with a reason other than X1 (X1 means a "
    "new episode of the same period of care begins the same day).",
    source=Source.CLA,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Episodes ending in the period with REC other than X1",
    items=_ceased,
    family=FAMILY,
)


def _placements(period: Period) -> list[Item]:
    at_end = CareEpisode.objects.filter(open_on(period.end)).values("person_id")
    moves = Counter(
        Placement.objects.filter(overlaps(period), person_id__in=at_end).values_list("person_id", flat=True)
    )
    return [
        Item(pid, period.end, hit=moves[pid] >= 3, what=f"{moves[pid]} placements in the period")
        for pid in sorted(set(at_end.values_list("person_id", flat=True)))
    ]


declare(
    id="cla_3_placements",
    title="Children looked after with 3 or more placements",
    definition="Of the children looked after at the period end, the percentage who had 3 or more "
    "placements during the period (short-term placement stability; a year's figure is the "
    "DfE's measure).",
    source=Source.CLA,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Children with 3 or more placements in the period",
    denominator="Children looked after at the period end",
    items=_placements,
    family=FAMILY,
    as_at=True,
)


def _placed_at_end(placed: Callable[[], Q], describe: Callable[[Decimal, bool], str]) -> Counted:
    """Children looked after at the period end, marked by where their placement is."""

    def query(period: Period) -> QuerySet[CareEpisode]:
        return CareEpisode.objects.filter(open_on(period.end)).annotate(
            subject=F("person_id"), on=Value(period.end), hit=flag(placed())
        )

    return Counted(
        query,
        lambda on, miles, inside: describe(miles, inside),
        ("placement__distance_miles", "placement__in_area"),
    )


declare(
    id="cla_placed_over_20_miles",
    title="Children placed more than 20 miles from home",
    definition="Of the children looked after at the period end, the percentage whose placement "
    "is more than 20 miles from their home address (an unknown distance is not counted).",
    source=Source.CLA,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Placed more than 20 miles from home",
    denominator="Children looked after at the period end",
    items=_placed_at_end(
        lambda: Q(placement__distance_miles__gt=20, placement__distance_miles__lt=999),
        lambda miles, _: f"{miles} miles from home",
    ),
    family=FAMILY,
    as_at=True,
)


declare(
    id="cla_placed_out_of_area",
    title="Children placed outside the authority's area",
    definition="Of the children looked after at the period end, the percentage placed outside "
    "the authority's area.",
    source=Source.CLA,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Placed outside the area",
    denominator="Children looked after at the period end",
    items=_placed_at_end(
        lambda: Q(placement__in_area=False) | Q(placement__in_area__isnull=True),
        lambda _, inside: "Inside the area" if inside else "Outside the area",
    ),
    family=FAMILY,
    as_at=True,
)


def _reviews_held(period: Period) -> QuerySet[LACReview]:
    return LACReview.objects.filter(within("held_on", period)).annotate(
        subject=F("person_id"), on=F("held_on"), hit=flag(Q(held_on__lte=F("due_date")))
    )


_reviews = Counted(_reviews_held, lambda on, due: f"Review {dmy(on)}, due {dmy(due)}", ("due_date",))


def _reviews_met(period: Period) -> QuerySet[LACReview]:
    return LACReview.objects.filter(within("held_on", period)).annotate(
        subject=F("person_id"), on=F("held_on"), hit=F("iro_met_child")
    )


_iro_met = Counted(_reviews_met, lambda on: f"Review {dmy(on)}")


declare(
    id="lac_reviews_on_time",
    title="Looked-after reviews held on time",
    definition="Of the looked-after reviews held in the period, the percentage held by their due "
    f"date ({get_rule('lac_first_review').in_words} after care began, then {get_rule('lac_second_review').in_words}, "
    f"then every {get_rule('lac_review').in_words}: Care Planning "
    "Regulations 2010 reg 33). A local practice measure.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Reviews held by their due date",
    denominator="Reviews held in the period",
    items=_reviews,
    family=FAMILY,
)

declare(
    id="iro_met_child",
    title="IRO met the child before the review",
    definition="Of the looked-after reviews held in the period, the percentage where the "
    "independent reviewing officer met the child beforehand. A local practice measure.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Reviews where the IRO met the child",
    denominator="Reviews held in the period",
    items=_iro_met,
    family=FAMILY,
)


def _missing_started(period: Period) -> QuerySet[MissingEpisode]:
    first, last = moments(period)
    in_care = CareEpisode.objects.filter(overlaps(period)).values("person_id")
    return MissingEpisode.objects.filter(started_at__range=(first, last), person_id__in=in_care).annotate(
        subject=F("person_id"), on=local_day("started_at"), hit=Value(True)
    )


_missing = Counted(
    _missing_started, lambda on, kind: f"{'Missing' if kind == 'M' else 'Away'} {dmy(on)}", ("kind",)
)


declare(
    id="missing_episodes",
    title="Missing and away-from-placement episodes",
    definition="Missing and away-from-placement episodes starting in the period, for children "
    "looked after at some time in the period (SSDA903 Missing table).",
    source=Source.CLA,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    numerator="Episodes starting in the period",
    items=_missing,
    family=FAMILY,
    divisible=False,  # the children counted are those looked after in the period itself
)


def _returns(period: Period) -> QuerySet[MissingEpisode]:
    first, last = moments(period)
    return MissingEpisode.objects.filter(ended_at__range=(first, last)).annotate(
        subject=F("person_id"),
        on=local_day("ended_at"),
        hit=flag(Q(rhi_held_at__lte=F("ended_at") + timedelta(hours=RETURN_INTERVIEW.amount))),
    )


_return_interviews = Counted(_returns, lambda on: f"Returned {dmy(on)}")


declare(
    id="return_interviews_72_hours",
    title=f"Return home interviews within {RETURN_INTERVIEW.in_words}",
    definition="Of the missing episodes ending in the period, the percentage with a return home "
    f"interview held within {RETURN_INTERVIEW.in_words} of the child's return (statutory guidance on children who "
    "run away or go missing, 2014). A local practice measure.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Interviews within {RETURN_INTERVIEW.in_words} of return",
    denominator="Missing episodes ending in the period",
    items=_return_interviews,
    family=FAMILY,
)


def _settled(period: Period) -> QuerySet[CareEpisode]:
    return CareEpisode.objects.filter(
        open_on(period.end),
        period__start_date__lte=add_months(period.end, -30),
        person__date_of_birth__gt=add_months(period.end, -12 * 16),
    ).annotate(
        subject=F("person_id"),
        on=Value(period.end),
        hit=flag(Q(placement__start_date__lte=add_months(period.end, -24))),
    )


_long_term = Counted(
    _settled, lambda on, since: f"In this placement since {dmy(since)}", ("placement__start_date",)
)


declare(
    id="cla_long_term_stability",
    title="Long-term placement stability",
    definition="Of the children under 16 looked after at the period end who had been looked after "
    "for 2½ years or more, the percentage in the same placement for 2 years or more (the DfE's "
    "measure, without its allowance for a child placed for adoption with their foster carer).",
    source=Source.CLA,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="In the same placement for 2 years or more",
    denominator="Children under 16 looked after for 2½ years or more",
    items=_long_term,
    family=FAMILY,
    as_at=True,
)
