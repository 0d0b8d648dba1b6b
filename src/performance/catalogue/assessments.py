"""Assessments (DfE Characteristics of children in need: Assessments; Working Together 2023)."""

from __future__ import annotations

from datetime import date

from assessments.models import Assessment, AssessmentOutcome
from timescales.calendar import working_days_between
from timescales.rules import get_rule

from ..periods import Period
from .base import Item, Polarity, Source, Unit, declare
from .query import CIN_CHILDREN, dmy, known, within

FAMILY = "Assessments"

# The DfE's duration bands, in working days from the assessment's start to its authorisation.
BANDS: list[tuple[str, int, int | None]] = [
    ("Same day", 0, 0),
    ("1–10", 1, 10),
    ("11–20", 11, 20),
    ("21–30", 21, 30),
    ("31–40", 31, 40),
    ("41–45", 41, 45),
    ("46–50", 46, 50),
    ("51–60", 51, 60),
    ("61 or more", 61, None),
]


def band(days: int) -> str:
    for label, low, high in BANDS:
        if days >= low and (high is None or days <= high):
            return label
    return BANDS[0][0]


def _completed(period: Period) -> list[tuple[int, date, date, list[str]]]:
    return [
        (pid, start, known(done), outcomes)
        for pid, start, done, outcomes in Assessment.objects.filter(
            CIN_CHILDREN, within("authorised_on", period), referral__isnull=False
        ).values_list("person_id", "start_date", "authorised_on", "outcomes")
    ]


def _assessments(period: Period) -> list[Item]:
    return [
        Item(pid, done, days=working_days_between(start, done), what=f"Assessment authorised {dmy(done)}")
        for pid, start, done, _ in _completed(period)
    ]


declare(
    id="assessments_completed",
    title="Assessments completed",
    definition="Child and family assessments authorised (completed) in the period: the CIN "
    "census AssessmentAuthorisationDate.",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Assessments authorised in the period",
    items=_assessments,
    family=FAMILY,
)


ASSESSMENT = get_rule("assessment").in_words  # "45 working days", from the table


def _within_45(period: Period) -> list[Item]:
    return [
        Item(
            i.subject_id,
            i.on,
            hit=(i.days or 0) <= get_rule("assessment").amount,
            days=i.days,
            what=f"{i.what} ({band(i.days or 0)} working days)",
        )
        for i in _assessments(period)
    ]


declare(
    id="assessments_within_45_days",
    title=f"Assessments completed within {ASSESSMENT}",
    definition=f"Of the assessments authorised in the period, the percentage authorised within {ASSESSMENT} "
    "of the assessment's start date (the DfE counts from AssessmentActualStartDate "
    "to AssessmentAuthorisationDate; the start day is day 0; weekends and England and Wales "
    "bank holidays are not working days). The drill-down shows the DfE duration bands.",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Authorised within {ASSESSMENT} of the start",
    denominator="Assessments authorised in the period",
    items=_within_45,
    family=FAMILY,
)

declare(
    id="assessment_average_working_days",
    title="Average assessment duration",
    definition="The mean number of working days from start to authorisation of the assessments "
    "authorised in the period.",
    source=Source.CIN,
    unit=Unit.DAYS,
    polarity=Polarity.LOWER,
    numerator="Working days from start to authorisation",
    denominator="Assessments authorised in the period",
    items=_assessments,
    family=FAMILY,
)


def _assessment_nfa(period: Period) -> list[Item]:
    return [
        Item(
            pid,
            done,
            hit=AssessmentOutcome.NFA in (outcomes or []),
            what=f"Assessment authorised {dmy(done)}",
        )
        for pid, _, done, outcomes in _completed(period)
    ]


declare(
    id="assessments_nfa",
    title="Assessments ending in no further action",
    definition="Of the assessments authorised in the period, the percentage whose recorded outcome "
    "is no further action.",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.NEUTRAL,
    numerator="Assessments with the outcome no further action",
    denominator="Assessments authorised in the period",
    items=_assessment_nfa,
    family=FAMILY,
)
