"""Annex A lists 6 and 7: children in need and child protection. One row per child: the
child's latest episode or plan that was open at the inspection date or at any time in the
six months before it (as Ofsted asks, and as the sector's Annex A scripts do)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from assessments.models import Assessment
from casework.models import VisitKind
from cin.models import CINPlan
from frontdoor.models import Referral
from looked_after.models import LegalStatusPeriod
from protection.models import Conference, ConferenceKind, CPPlan

from ..base import Source, Table
from . import labels
from .context import Context, Dated, active, person_fields, shown
from .rows import SHORT_BREAKS, last_visit, latest_per_child, new_table, open_in


def _open_on(model: Any, on: date, start: str, end: str, **extra: Any) -> set[int]:
    """Children with a `model` record open on `on` (ending that day counts as ended)."""
    found = model.objects.filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": on}), **{f"{start}__lte": on}
    )
    return set(found.filter(**extra).values_list("person_id", flat=True))


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
    table = new_table("List 6")
    base = Referral.objects.filter(
        active(),
        open_in(ctx.periods.six_months.start, "closure_date"),
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
    for person_id, start, pk, need, closure, reason, last_seen, *person in latest_per_child(rows):
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
    table = new_table("List 7")
    base = CPPlan.objects.filter(
        active(), open_in(ctx.periods.six_months.start, "end_date"), start_date__lte=ctx.as_of
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
    for person_id, start, pk, category, end, visited, alone, *person in latest_per_child(rows):
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
