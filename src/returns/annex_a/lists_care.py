"""Annex A lists 6-11: children in need, child protection, children in care, care leavers,
adoption and adopters. Lists 6-8 have one row per child: the child's latest episode, plan or
period of care that was open at the inspection date or at any time in the six months
before it (as Ofsted asks, and as the sector's Annex A scripts do)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import DateField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least

from assessments.models import Assessment
from care_leavers.models import BirthdayStatus, CareLeaver
from casework.models import Visit, VisitKind
from cin.models import CINPlan
from frontdoor.models import Referral
from looked_after.models import (
    CareEpisode,
    HealthAssessment,
    HealthCheckKind,
    LACReview,
    LegalStatusPeriod,
    MissingEpisode,
    PeriodOfCare,
    Placement,
)
from people.models import ImmigrationStatus
from permanence.models import AdoptionCase, CourtOrder
from protection.models import Conference, ConferenceKind, CPPlan
from workforce.models import AllocationRole

from ..base import Source, Table
from . import labels
from .context import Context, Dated, active, age_on, person_fields, shown, start_of_day
from .lists_front import _open_in, _table

SHORT_BREAKS = frozenset({"V3", "V4"})
PLACED_FOR_FFA = ("U2", "U5")  # fostering for adoption or concurrent planning
CARE_LEAVER_AGE_LIMIT = 25  # leaving care support runs to the 25th birthday and beyond it


def _latest_per_child(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows ordered oldest first, keeping the last one per child (row[0] is the person id)."""
    latest: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        latest[row[0]] = row
    return sorted(latest.values(), key=lambda row: (row[1], row[2]))


def _open_on(model: Any, on: date, start: str, end: str, **extra: Any) -> set[int]:
    """Children with a `model` record open on `on` (ending that day counts as ended)."""
    found = model.objects.filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": on}), **{f"{start}__lte": on}
    )
    return set(found.filter(**extra).values_list("person_id", flat=True))


def last_visit(ctx: Context, start: str, end: str, value: str = "visited_on", **filters: Any) -> Subquery:
    """The child's latest visit (`filters`) from the record's `start` to its `end`, or to the
    inspection date if it ended later or is open: one correlated subquery, not the history."""
    as_of = Value(ctx.as_of, output_field=DateField())
    visits = Visit.objects.filter(
        person_id=OuterRef("person_id"),
        visited_on__gte=OuterRef(start),
        visited_on__lte=Least(Coalesce(OuterRef(end), as_of), as_of),
        **filters,
    ).order_by("-visited_on", "-pk")
    return Subquery(visits.values(value)[:1])


# --- List 6: children in need -------------------------------------------------------------


class CaseStatus:
    """The child's position on the inspection date, for list 6's "Case Status"."""

    def __init__(self, on: date) -> None:
        in_care = LegalStatusPeriod.objects.filter(
            Q(period__end_date__isnull=True) | Q(period__end_date__gt=on),
            Q(end_date__isnull=True) | Q(end_date__gt=on),
            start_date__lte=on,
        ).exclude(legal_status__in=SHORT_BREAKS)
        self.looked_after = set(in_care.values_list("person_id", flat=True))
        self.cp_plan = _open_on(CPPlan, on, "start_date", "end_date")
        self.cin_plan = _open_on(CINPlan, on, "start_date", "end_date")
        self.assessment = _open_on(Assessment, on, "start_date", "authorised_on")

    def of(self, person_id: int, closed: bool) -> str:
        if closed:
            return labels.CLOSED_EPISODE
        for found, status in (
            (self.looked_after, labels.LOOKED_AFTER),
            (self.cp_plan, labels.CP_PLAN),
            (self.cin_plan, labels.CIN_PLAN),
            (self.assessment, labels.OPEN_ASSESSMENT),
        ):
            if person_id in found:
                return status
        return labels.CIN_PLAN  # open for children in need services, no plan yet


def list_6_children_in_need(ctx: Context) -> Table:
    """Children in need (CIN episodes, not referrals closed with no further action) open at
    the inspection date or in the six months before it; the child's latest episode."""
    table = _table("List 6")
    base = Referral.objects.filter(
        active(),
        _open_in(ctx.periods.six_months.start, "closure_date"),
        referral_date__lte=ctx.as_of,
        referral_nfa=False,
    )
    status = CaseStatus(ctx.as_of)
    # Every kind of visit, named, so that the visit index (person, kind, date) bounds the dates.
    rows = (
        base.annotate(
            last_seen=last_visit(
                ctx, "referral_date", "closure_date", child_seen=True, kind__in=VisitKind.values
            )
        )
        .order_by("referral_date", "pk")
        .values_list(
            "person_id",
            "referral_date",
            "pk",
            "primary_need",
            "closure_date",
            "closure_reason",
            "last_seen",
            *person_fields(),
        )
    )
    for person_id, start, pk, need, closure, reason, last_seen, *person in _latest_per_child(rows):
        closed = shown(closure, ctx.as_of)
        on = closed or ctx.as_of
        table.add(
            [
                *ctx.common(person),
                ctx.disability(person_id),
                start,
                labels.label(labels.PRIMARY_NEED, need),
                last_seen,
                closed,
                labels.label(labels.CLOSURE_REASON, reason) if closed else None,
                status.of(person_id, closed is not None),
                *ctx.allocated(person_id, on),
            ],
            Source(person_id, Referral._meta.label_lower, pk),
        )
    return table


# --- List 7: child protection -------------------------------------------------------------


def _police_or_epo(ctx: Context) -> set[int]:
    """Children under police protection (L1) or an EPO (L2) at any time in the six months."""
    window = ctx.periods.six_months
    return set(
        LegalStatusPeriod.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=window.start),
            legal_status__in=["L1", "L2"],
            start_date__lte=window.end,
        ).values_list("person_id", flat=True)
    )


def list_7_child_protection(ctx: Context) -> Table:
    """Child protection plans open at the inspection date or in the six months before it;
    the child's latest plan."""
    table = _table("List 7")
    base = CPPlan.objects.filter(
        active(), _open_in(ctx.periods.six_months.start, "end_date"), start_date__lte=ctx.as_of
    )
    persons = base.values("person_id")
    previous = Dated(
        CPPlan.objects.filter(person_id__in=persons).values_list("person_id", "start_date", "pk")
    )
    reviews = Dated(
        Conference.objects.filter(
            person_id__in=persons, kind=ConferenceKind.REVIEW, plan__isnull=False, held_on__lte=ctx.as_of
        )
        .order_by("held_on", "pk")
        .values_list("plan_id", "held_on", "category")
    )
    protected = _police_or_epo(ctx)
    rows = (
        base.annotate(
            visited=last_visit(ctx, "start_date", "end_date", kind=VisitKind.CP),
            alone=last_visit(ctx, "start_date", "end_date", "seen_alone", kind=VisitKind.CP),
        )
        .order_by("start_date", "pk")
        .values_list(
            "person_id", "start_date", "pk", "category", "end_date", "visited", "alone", *person_fields()
        )
    )
    for person_id, start, pk, category, end, visited, alone, *person in _latest_per_child(rows):
        ended = shown(end, ctx.as_of)
        on = ended or ctx.as_of
        review = reviews.latest(pk, ctx.as_of)
        latest_category = next((c for _, c in reversed(reviews.values(pk)) if c), category)
        table.add(
            [
                *ctx.common(person),
                ctx.disability(person_id),
                start,
                labels.label(labels.ABUSE_CATEGORY, category),
                labels.label(labels.ABUSE_CATEGORY, latest_category),
                visited,
                labels.yes_no(alone) if visited else None,
                review[0] if review else None,
                ended,
                labels.yes_no(person_id in protected),
                sum(1 for d, other in previous.values(person_id) if (d, other) < (start, pk)),
                *ctx.allocated(person_id, on),
            ],
            Source(person_id, CPPlan._meta.label_lower, pk),
        )
    return table


# --- List 8: children in care -------------------------------------------------------------


def placements_in_12_months(
    episodes: Iterable[tuple[date, date | None, str]], since: date, until: date
) -> int:
    """Placements (with a new carer) the child had at any time from `since` to `until`:
    the one they were already in on `since`, plus every episode in the window that started
    care or moved the child to new carers (RNE S, P or B). A change of legal status or of
    placement type with the same carers (L, T, U) is not a new placement."""
    already = any(start < since and (end is None or end >= since) for start, end, _ in episodes)
    moves = sum(1 for start, _, rne in episodes if since <= start <= until and rne in {"S", "P", "B"})
    return int(already) + moves


class CareHistory:
    """Everything list 8 needs about the children whose periods of care are in it."""

    def __init__(self, ctx: Context, periods: Any) -> None:
        persons = periods.values("person_id")
        twelve = ctx.periods.twelve_months
        self.legal = Dated(
            LegalStatusPeriod.objects.filter(period_id__in=periods.values("pk"))
            .order_by("start_date", "pk")
            .values_list("period_id", "start_date", "legal_status")
        )
        self.placements = Dated(
            (period_id, start, rest)
            for period_id, start, *rest in Placement.objects.filter(period_id__in=periods.values("pk"))
            .order_by("start_date", "pk")
            .values_list(
                "period_id", "start_date", "pk", "placement_type", "provider", "postcode", "urn", "in_area"
            )
        )
        self.episodes: dict[int, list[tuple[date, date | None, str]]] = {}
        for person_id, start, end, rne in CareEpisode.objects.filter(person_id__in=persons).values_list(
            "person_id", "start_date", "end_date", "reason_new_episode"
        ):
            self.episodes.setdefault(person_id, []).append((start, end, rne))
        self.all_periods = Dated(
            PeriodOfCare.objects.filter(person_id__in=persons).values_list(
                "person_id", "start_date", "end_date"
            )
        )
        self.reviews = dict(
            LACReview.objects.filter(period_id__in=periods.values("pk"), held_on__lte=ctx.as_of)
            .values("period_id")
            .annotate(last=Max("held_on"))
            .values_list("period_id", "last")
        )
        checks = HealthAssessment.objects.filter(person_id__in=persons, completed_on__lte=ctx.as_of)
        self.health = Dated(
            checks.exclude(kind=HealthCheckKind.DENTAL).values_list("person_id", "completed_on", "pk")
        )
        self.dental = Dated(
            checks.filter(kind=HealthCheckKind.DENTAL).values_list("person_id", "completed_on", "pk")
        )
        self.uasc = set(
            ImmigrationStatus.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=twelve.start),
                person_id__in=persons,
                status="UASC",
                start_date__lte=twelve.end,
            ).values_list("person_id", flat=True)
        )
        self.missing = self._missing(ctx, persons)

    @staticmethod
    def _missing(ctx: Context, persons: Any) -> dict[int, list[tuple[Any, ...]]]:
        twelve = ctx.periods.twelve_months
        found: dict[int, list[tuple[Any, ...]]] = {}
        for row in (
            MissingEpisode.objects.filter(
                person_id__in=persons,
                period__isnull=False,
                started_at__gte=start_of_day(twelve.start),
                started_at__lt=start_of_day(twelve.end + timedelta(days=1)),
            )
            .order_by("started_at", "pk")
            .values_list("person_id", "kind", "rhi_offered", "rhi_accepted")
        ):
            found.setdefault(row[0], []).append(row[1:])
        return found

    def second_period(self, person_id: int, start: date, since: date) -> bool:
        """The child had an earlier period of care that was open on or after `since`."""
        return any(
            s < start and end is not None and end >= since for s, end in self.all_periods.values(person_id)
        )

    def missing_columns(self, person_id: int) -> list[Any]:
        episodes = self.missing.get(person_id, [])
        missing = [e for e in episodes if e[0] == "M"]
        last = missing[-1] if missing else None
        return [
            len(missing),
            sum(1 for e in episodes if e[0] == "A"),
            labels.yes_no(last[1]) if last else None,
            labels.yes_no(last[2]) if last else None,
        ]


def _placement_columns(placement: tuple[date, list[Any]] | None) -> list[Any]:
    if placement is None:
        return [None] * 7
    start, (_pk, kind, provider, postcode, urn, in_area) = placement
    return [
        start,
        labels.label(labels.PLACEMENT_TYPE, kind),
        labels.label(labels.PLACEMENT_PROVIDER, provider),
        postcode or None,
        urn or None,
        labels.IN_AREA if in_area else labels.OUT_OF_AREA,
        settings.HARBOUR_AUTHORITY["name"] if in_area else None,
    ]


def list_8_children_in_care(ctx: Context) -> Table:
    """Periods of care open at the inspection date or in the six months before it (not a
    series of short breaks); the child's latest period."""
    table = _table("List 8")
    base = PeriodOfCare.objects.filter(
        active(), _open_in(ctx.periods.six_months.start, "end_date"), start_date__lte=ctx.as_of
    )
    history = CareHistory(ctx, base)
    twelve = ctx.periods.twelve_months
    rows = (
        base.annotate(visited=last_visit(ctx, "start_date", "end_date", kind=VisitKind.CLA))
        .order_by("start_date", "pk")
        .values_list(
            "person_id",
            "start_date",
            "pk",
            "category_of_need",
            "end_date",
            "reason_ceased",
            "visited",
            *person_fields(),
        )
    )
    for person_id, start, pk, need, end, reason, visited, *person in _latest_per_child(rows):
        ended = shown(end, ctx.as_of)
        on = ended or ctx.as_of
        legal = history.legal.latest(pk, on)
        if legal is None or legal[1] in SHORT_BREAKS:
            continue
        health = history.health.latest(person_id, on, since=start)
        dental = history.dental.latest(person_id, on, since=start)
        table.add(
            [
                *ctx.common(person),
                labels.yes_no(person_id in history.uasc),
                ctx.disability(person_id),
                start,
                labels.label(labels.PRIMARY_NEED, need),
                labels.yes_no(history.second_period(person_id, start, twelve.start)),
                legal[0],
                labels.label(labels.LEGAL_STATUS, legal[1]),
                history.reviews.get(pk),
                visited,
                None,  # permanence plan: not recorded (a gap)
                None,  # last IRO visit or contact: not recorded (a gap)
                health[0] if health else None,
                dental[0] if dental else None,
                placements_in_12_months(history.episodes.get(person_id, []), twelve.start, twelve.end),
                ended,
                labels.label(labels.REASON_CEASED, reason) if ended else None,
                *_placement_columns(history.placements.latest(pk, on)),
                *history.missing_columns(person_id),
                *ctx.allocated(person_id, on),
            ],
            Source(person_id, PeriodOfCare._meta.label_lower, pk),
        )
    return table


# --- List 9: care leavers -----------------------------------------------------------------


def list_9_care_leavers(ctx: Context) -> Table:
    """Young people the authority records as eligible, relevant, former relevant or
    qualifying, up to their 26th birthday, with their latest recorded status."""
    table = _table("List 9")
    base = CareLeaver.objects.filter(active(), recorded_category__in=list(labels.ELIGIBILITY))
    statuses = Dated(
        (person_id, day, rest)
        for person_id, day, *rest in BirthdayStatus.objects.filter(
            person_id__in=base.values("person_id"), contact_date__lte=ctx.as_of
        )
        .order_by("contact_date", "age")
        .values_list("person_id", "contact_date", "in_touch", "accommodation", "suitability", "activity")
    )
    rows = base.order_by("person__la_child_id").values_list("pk", "recorded_category", *person_fields())
    for pk, category, *person in rows:
        person_id, born = person[0], person[4]
        age = age_on(born, ctx.as_of)
        if age is not None and age > CARE_LEAVER_AGE_LIMIT:
            continue
        allocated = ctx.allocated(person_id, ctx.as_of, AllocationRole.PERSONAL_ADVISER)
        if allocated == [None, None]:
            allocated = ctx.allocated(person_id, ctx.as_of)
        status = statuses.latest(person_id, ctx.as_of)
        in_touch, accommodation, suitability, activity = status[1] if status else (None, None, None, None)
        table.add(
            [
                *ctx.common(person),
                ctx.disability(person_id),
                *allocated,
                labels.label(labels.ELIGIBILITY, category),
                labels.label(labels.IN_TOUCH, in_touch),
                labels.label(labels.ACCOMMODATION, accommodation),
                labels.label(labels.SUITABILITY, suitability),
                labels.label(labels.ACTIVITY, activity),
            ],
            Source(person_id, CareLeaver._meta.label_lower, pk),
        )
    return table


# --- Lists 10 and 11: adoption ------------------------------------------------------------


def _adoption_cases(ctx: Context) -> Any:
    """Adoption decisions made by the inspection date where, in the 12 months before it,
    the child was adopted, the decision was reversed, or neither has happened yet."""
    twelve = ctx.periods.twelve_months
    not_yet = Q(adoption_order_date__isnull=True) | Q(adoption_order_date__gt=ctx.as_of)
    not_reversed = Q(reversed_date__isnull=True) | Q(reversed_date__gt=ctx.as_of)
    return AdoptionCase.objects.filter(
        active(),
        Q(adoption_order_date__gte=twelve.start, adoption_order_date__lte=twelve.end)
        | Q(reversed_date__gte=twelve.start, reversed_date__lte=twelve.end)
        | (not_yet & not_reversed),
        adm_decision_date__lte=ctx.as_of,
    )


def _first_since(history: Dated, key: int, since: date, until: date) -> tuple[date, Any] | None:
    return next(((d, v) for d, v in history.values(key) if since <= d <= until), None)


def list_10_adoption(ctx: Context) -> Table:
    """One row per adoption decision in `_adoption_cases`. The placement order date is the
    placement order Harbour records, else the day the child's legal status became E1."""
    table = _table("List 10")
    base = _adoption_cases(ctx)
    persons = base.values("person_id")
    entered = Dated(
        PeriodOfCare.objects.filter(person_id__in=persons).values_list("person_id", "start_date", "pk")
    )
    orders = Dated(
        CourtOrder.objects.filter(person_id__in=persons, order_type="PO").values_list(
            "person_id", "made_on", "pk"
        )
    )
    e1_statuses = Dated(
        LegalStatusPeriod.objects.filter(person_id__in=persons, legal_status="E1").values_list(
            "person_id", "start_date", "pk"
        )
    )
    ffa = Dated(
        Placement.objects.filter(person_id__in=persons, placement_type__in=PLACED_FOR_FFA).values_list(
            "person_id", "start_date", "pk"
        )
    )
    rows = base.order_by("adm_decision_date", "pk").values_list(
        "pk",
        "adm_decision_date",
        "matched_date",
        "placed_date",
        "adoption_order_date",
        "reversed_date",
        "reversed_reason",
        *person_fields(),
    )
    for pk, decided, matched, placed, adopted, reversed_on, reason, *person in rows:
        person_id = person[0]
        period = entered.latest(person_id, decided)
        order = orders.latest(person_id, ctx.as_of) or _first_since(
            e1_statuses, person_id, decided, ctx.as_of
        )
        fostered = ffa.latest(person_id, ctx.as_of, since=period[0] if period else None)
        reversed_shown = shown(reversed_on, ctx.as_of)
        common = ctx.common(person)
        table.add(
            [
                common[0],
                None,  # family identifier: Harbour has no adoptive family records (a gap)
                *common[1:],
                ctx.disability(person_id),
                period[0] if period else None,
                decided,
                order[0] if order else None,
                shown(matched, ctx.as_of),
                shown(placed, ctx.as_of),
                shown(adopted, ctx.as_of),
                reversed_shown,
                labels.label(labels.REASON_NO_LONGER_ADOPTION, reason) if reversed_shown else None,
                fostered[0] if fostered else None,
            ],
            Source(person_id, AdoptionCase._meta.label_lower, pk),
        )
    return table


def list_11_adopters(ctx: Context) -> Table:  # noqa: ARG001
    """Harbour keeps no records of prospective adopters: the list has its titles only (a gap)."""
    return _table("List 11")
