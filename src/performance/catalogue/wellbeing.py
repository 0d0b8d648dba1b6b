"""The health, education and voice of children looked after: initial health assessments,
the OC2 health and dental checks, personal education plans and participation in reviews
(SSDA903 OC2; Promoting the health and well-being of looked-after children 2015; local
practice measures where the DfE has no definition)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value

from looked_after.models import CareEpisode, EducationPlan, HealthAssessment, LACReview, PeriodOfCare
from timescales.calendar import add_working_days
from timescales.rules import get_rule

from ..periods import Period, add_months
from .base import Item, Polarity, Source, Unit, declare
from .counted import Counted, flag
from .query import dmy, open_on, within

FAMILY = "Health, education and voice"
VIEWS_CONVEYED = frozenset({"PN1", "PN2", "PN3", "PN5", "PN6"})


def _initial_health(period: Period) -> list[Item]:
    started = list(
        PeriodOfCare.objects.filter(within("start_date", period)).values_list("person_id", "start_date")
    )
    done: dict[int, list[date]] = defaultdict(list)
    for pid, day in HealthAssessment.objects.filter(
        person_id__in={pid for pid, _ in started}, kind="INITIAL", completed_on__gte=period.start
    ).values_list("person_id", "completed_on"):
        done[pid].append(day)
    items = []
    for pid, start in started:
        due = add_working_days(start, get_rule("initial_health_assessment").amount)
        items.append(
            Item(
                pid,
                start,
                hit=any(start <= d <= due for d in done[pid]),
                what=f"Looked after from {dmy(start)}, due {dmy(due)}",
            )
        )
    return items


declare(
    id="initial_health_within_20_days",
    title=f"Initial health assessments within {get_rule('initial_health_assessment').in_words}",
    definition="Of the periods of care starting in the period, the percentage whose initial health "
    f"assessment was completed within {get_rule('initial_health_assessment').in_words} of the child becoming looked after "
    "(statutory guidance, Promoting the health and well-being of looked-after children 2015).",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Initial health assessments within {get_rule('initial_health_assessment').in_words}",
    denominator="Periods of care starting in the period",
    items=_initial_health,
    family=FAMILY,
    divisible=False,  # an assessment after the period's end can still be in time
)


def _checked(kinds: tuple[str, ...]) -> Counted:
    """Children looked after at the period end who had been looked after for 12 months or more,
    marked when they had a check of these kinds in the 12 months to the period end."""

    def query(period: Period) -> QuerySet[PeriodOfCare]:
        year_before = add_months(period.end, -12)
        checked = HealthAssessment.objects.filter(
            person_id=OuterRef("person_id"),
            kind__in=kinds,
            completed_on__gt=add_months(period.end, -12),
            completed_on__lte=period.end,
        )
        return PeriodOfCare.objects.filter(open_on(period.end), start_date__lte=year_before).annotate(
            subject=F("person_id"), on=Value(period.end), hit=flag(Exists(checked))
        )

    return Counted(query, lambda on, start: f"Looked after since {dmy(start)}", ("start_date",))


for key, kinds, what in (
    ("oc2_health_checks", ("INITIAL", "REVIEW"), "a health assessment"),
    ("oc2_dental_checks", ("DENTAL",), "a dental check"),
):
    declare(
        id=key,
        title=f"Children looked after a year with {what} in it",
        definition=f"Of the children looked after at the period end who had been looked after for "
        f"12 months or more, the percentage who had {what} in the 12 months to the period end "
        "(SSDA903 OC2 cohort; the DfE's year is to 31 March).",
        source=Source.CLA,
        unit=Unit.PERCENTAGE,
        polarity=Polarity.HIGHER,
        numerator=f"Children with {what} in the 12 months",
        denominator="Children looked after for 12 months or more at the period end",
        items=_checked(kinds),
        family=FAMILY,
        as_at=True,
    )


def _peps(period: Period) -> list[Item]:
    rows = list(
        CareEpisode.objects.filter(
            open_on(period.end),
            person__date_of_birth__lte=add_months(period.end, -12 * 3),
            person__date_of_birth__gt=add_months(period.end, -12 * 18),
        ).values_list("person_id", flat=True)
    )
    recent = set(
        EducationPlan.objects.filter(
            person_id__in=rows, meeting_on__gt=add_months(period.end, -4), meeting_on__lte=period.end
        ).values_list("person_id", flat=True)
    )
    return [
        Item(
            pid, period.end, hit=pid in recent, what="PEP this term" if pid in recent else "No PEP this term"
        )
        for pid in rows
    ]


declare(
    id="peps_in_date",
    title="Personal education plans in date",
    definition="Of the children aged 3 to 17 looked after at the period end, the percentage with a "
    "personal education plan meeting in the 4 months (a school term) before the period end. A "
    "local practice measure.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Children with a PEP meeting this term",
    denominator="Children aged 3 to 17 looked after at the period end",
    items=_peps,
    family=FAMILY,
    as_at=True,
)


def _reviews_with_views(period: Period) -> QuerySet[LACReview]:
    return (
        LACReview.objects.filter(within("held_on", period))
        .exclude(participation="PN0")
        .annotate(subject=F("person_id"), on=F("held_on"), hit=flag(Q(participation__in=VIEWS_CONVEYED)))
    )


_participation = Counted(
    _reviews_with_views, lambda on, code: f"Review {dmy(on)} ({code})", ("participation",)
)


declare(
    id="lac_review_participation",
    title="Children looked after whose views were conveyed to their review",
    definition="Of the looked-after reviews held in the period for children aged 4 or over, the "
    "percentage where the child spoke for themselves, through an advocate, symbolically or "
    "by a facilitative medium (SSDA903 REVIEW_CODE PN1, PN2, PN3, PN5 or PN6).",
    source=Source.CLA,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Reviews where the child's views were conveyed",
    denominator="Reviews of children aged 4 or over held in the period",
    items=_participation,
    family=FAMILY,
)
