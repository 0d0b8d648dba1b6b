"""Annex A lists 9-11: care leavers, adoption and adopters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from care_leavers.models import BirthdayStatus, CareLeaver
from looked_after.models import LegalStatusPeriod, PeriodOfCare, Placement
from permanence.models import AdoptionCase, CourtOrder
from workforce.models import AllocationRole

from ..base import Source, Table
from . import labels
from .context import Context, Dated, active, age_on, person_fields, shown
from .rows import new_table

PLACED_FOR_FFA = ("U2", "U5")  # fostering for adoption or concurrent planning
CARE_LEAVER_AGE_LIMIT = 25  # leaving care support runs to the 25th birthday and beyond it


def list_9_care_leavers(ctx: Context) -> Table:
    """Young people the authority records as eligible, relevant, former relevant or
    qualifying, up to their 26th birthday, with their latest recorded status."""
    table = new_table("List 9")
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
    table = new_table("List 10")
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
    return new_table("List 11")
