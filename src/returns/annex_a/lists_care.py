"""Annex A list 8: children in care. One row per child: the child's latest period of care
that was open at the inspection date or at any time in the six months before it (not a
series of short breaks)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Q

from casework.models import VisitKind
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

from ..base import Source, Table
from . import labels
from .context import Context, Dated, active, person_fields, shown, start_of_day
from .rows import SHORT_BREAKS, last_visit, latest_per_child, new_table, open_in


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
    table = new_table("List 8")
    base = PeriodOfCare.objects.filter(
        active(), open_in(ctx.periods.six_months.start, "end_date"), start_date__lte=ctx.as_of
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
    for person_id, start, pk, need, end, reason, visited, *person in latest_per_child(rows):
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
