"""Read-side helpers for permanence and court: clocks computed from history (never stored)."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

import timescales
from codes import permanence as pcodes
from core.extensions import listed
from looked_after.models import PeriodOfCare
from people.models import Person

from . import clocks, scorecard
from .models import AdoptionCase, CareProceedings, ContactSession, ContactStatus, PreProceedings


@dataclass(frozen=True)
class CourtRecords:
    """A child's care proceedings (with their extensions), pre-proceedings and adoption
    cases, newest first."""

    proceedings: list[CareProceedings]
    plos: list[PreProceedings]
    adoptions: list[AdoptionCase]


def court_records_of(person: Person) -> CourtRecords:
    """The child's `CourtRecords`, read once a request: the child's page and the summary at
    its top both show them (kept on the person object the door let in; a record type the
    child holds none of costs no query, `core.extensions.listed`). The proceedings carry
    their `extension_weeks`; the panel, which lists the extensions, fetches those itself."""
    memo: CourtRecords | None = person.__dict__.get("_court_records")
    if memo is None:
        memo = person.__dict__["_court_records"] = CourtRecords(
            proceedings=listed(person, with_extension_weeks(CareProceedings.objects.filter(person=person))),
            plos=listed(person, PreProceedings.objects.filter(person=person)),
            adoptions=listed(person, AdoptionCase.objects.filter(person=person)),
        )
    return memo


def with_extension_weeks(rows: QuerySet[CareProceedings]) -> QuerySet[CareProceedings]:
    """Proceedings with the weeks of extension granted added up in the same query
    (`extension_weeks`), for their limit without reading the extensions themselves."""
    return rows.annotate(extension_weeks=Coalesce(Sum("extensions__weeks"), 0))


def current_limit(proceedings: CareProceedings) -> date:
    """26 weeks beginning with the issue date, plus every extension granted (added up by
    `with_extension_weeks`, or read from the prefetched `extensions`)."""
    weeks = getattr(proceedings, "extension_weeks", None)
    if weeks is None:
        return clocks.proceedings_limit(
            proceedings.issue_date, [e.weeks for e in proceedings.extensions.all()]
        )
    return clocks.proceedings_limit(proceedings.issue_date, [weeks])


def cancellations_by_who(start: date, end: date) -> list[tuple[str, str, int]]:
    """Report: cancelled sessions that were due between `start` and `end`, by who cancelled."""
    rows = (
        ContactSession.objects.filter(
            status=ContactStatus.CANCELLED, starts_at__date__gte=start, starts_at__date__lte=end
        )
        .values("cancelled_by")
        .annotate(n=Count("id"))
    )
    counts = {r["cancelled_by"]: r["n"] for r in rows}
    return [(c.code, c.label, counts.get(c.code, 0)) for c in pcodes.CONTACT_CANCELLED_BY]


def entered_care(periods: list[tuple[date, date | None]], on: date) -> date | None:
    """Start of the latest period of care that began on or before `on` (the A1 clock start)."""
    starts = [start for start, _ in periods if start <= on]
    return max(starts) if starts else None


NEXT_STEP = {
    "DECIDED": "Obtain authority to place (placement order or consent)",
    "AUTHORISED": "Find a match",
    "MATCHED": "Place with the adopters",
    "PLACED": "Apply for the adoption order",
}


@dataclass
class TrackerRow:
    case: AdoptionCase
    entered_care: date | None
    days_in_care: int | None
    a1: int | None
    a1_final: bool
    a2: int | None
    a2_final: bool
    a10: int | None
    next_step: str


def tracker_row(case: AdoptionCase, periods: list[tuple[date, date | None]], today: date) -> TrackerRow:
    """Scorecard timings so far: final once the step happened, running (to today) before."""
    start = entered_care(periods, case.placed_date or case.adm_decision_date)
    a1 = a10 = days = None
    if start is not None:
        days = (today - start).days
        a1 = scorecard.a1_days(start, case.placed_date or max(today, start))
        a10 = scorecard.a10_days(
            start,
            case.placed_date or max(today, start),
            case.foster_placement_start if case.adopted_by_foster_carer else None,
        )
    a2 = None
    if case.authority_date is not None:
        a2 = scorecard.a2_days(case.authority_date, case.matched_date or today)
    return TrackerRow(
        case=case,
        entered_care=start,
        days_in_care=days,
        a1=a1,
        a1_final=case.placed_date is not None,
        a2=a2,
        a2_final=case.matched_date is not None,
        a10=a10,
        next_step=NEXT_STEP.get(case.status, ""),
    )


def periods_by_person(person_ids: Collection[int]) -> dict[int, list[tuple[date, date | None]]]:
    found: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    rows = PeriodOfCare.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "start_date", "end_date"
    )
    for pid, start, end in rows:
        found[pid].append((start, end))
    return found


def adoption_review_due(case: AdoptionCase) -> tuple[str, date] | None:
    """First adoption review: 3 months after authority while not placed; 4 weeks after placement."""
    if case.status == "AUTHORISED" and case.authority_date:
        return "adoption_review_first_not_placed", timescales.due_date(  # type: ignore[return-value]
            "adoption_review_first_not_placed", case.authority_date
        )
    if case.status == "PLACED" and case.placed_date:
        return "adoption_review_first_placed", timescales.due_date(  # type: ignore[return-value]
            "adoption_review_first_placed", case.placed_date
        )
    return None
