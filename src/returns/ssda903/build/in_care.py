"""What happens while a child is looked after: reviews, missing episodes, social workers (SWEpisodes) and deprivation of liberty orders (DoLo)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from looked_after.models import LACReview, MissingEpisode
from workforce.models import Allocation, AllocationRole

from ...base import Gap, Source
from .. import codes as c
from .year import SHORT_BREAKS, Row, YearBuild

NAME = "ssda903"


def reviews(b: YearBuild) -> None:
    table = b.tables["Reviews"]
    for r in (
        LACReview.objects.filter(person_id__in=b.cohort, held_on__range=(b.start, b.end))
        .order_by("person__la_child_id", "held_on", "id")
        .values("id", "person_id", "held_on", "participation")
    ):
        pk = r["person_id"]
        table.add(
            [b.child(pk), b.dob(pk), c.fmt(r["held_on"]), r["participation"]],
            Source(pk, "looked_after.lacreview", r["id"]),
        )


def missing(b: YearBuild) -> None:
    table = b.tables["Missing"]
    start_dt = timezone.make_aware(datetime.combine(b.start, datetime.min.time()))
    end_dt = timezone.make_aware(datetime.combine(b.end, datetime.max.time()))
    for r in (
        MissingEpisode.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=start_dt),
            person_id__in=b.cohort,
            started_at__lte=end_dt,
        )
        .order_by("person__la_child_id", "started_at", "id")
        .values("id", "person_id", "kind", "started_at", "ended_at")
    ):
        pk = r["person_id"]
        ended = r["ended_at"]
        end = timezone.localdate(ended) if ended else None
        table.add(
            [
                b.child(pk),
                b.dob(pk),
                r["kind"],
                c.fmt(timezone.localdate(r["started_at"])),
                c.fmt(end if end and end <= b.end else None),
            ],
            Source(pk, "looked_after.missingepisode", r["id"]),
        )


def sw_episodes(b: YearBuild) -> None:
    if "SWEpisodes" not in b.tables:
        return
    care: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for r in b.episode_rows:
        if r["legal_status__legal_status"] not in SHORT_BREAKS:
            care[r["person_id"]].append((r["period__start_date"], r["end_date"]))
    table = b.tables["SWEpisodes"]
    previous: dict[int, Row] = {}
    for a in (
        Allocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=b.start),
            person_id__in=b.cohort,
            role=AllocationRole.SOCIAL_WORKER,
            start_date__lte=b.end,
        )
        .order_by("person__la_child_id", "start_date", "id")
        .values("id", "person_id", "start_date", "end_date", "start_reason", "end_reason", "worker_id",
                "worker__swe_registration_number")
    ):  # fmt: skip
        pk = a["person_id"]
        if pk not in care:
            continue  # only short breaks
        before = previous.get(pk)
        previous[pk] = a
        # A change of worker: the reason is recorded on the allocation that ended (rule SW10bSTG2
        # keeps FCONTA for a first allocation, not a handover).
        reason = str(a["start_reason"])
        if (
            before is not None
            and before["end_date"] is not None
            and abs((a["start_date"] - before["end_date"]).days) <= 7
            and before["end_reason"]
        ):
            reason = str(before["end_reason"])
        care_start = min(s for s, _ in care[pk])
        open_ends = [e for _, e in care[pk]]
        care_end = None if any(e is None for e in open_ends) else max(e for e in open_ends if e)
        if care_end is not None and care_end > b.end:
            care_end = None
        # Reported while looked after: from the start of care (rule SW12STG2) to its end,
        # an allocation going on past the end of care (or 31 March) being left open (SW17STG2).
        start = max(a["start_date"], care_start)
        end = a["end_date"]
        if end is not None and (end > b.end or (care_end is not None and end >= care_end)):
            end = None
        if end is not None and end <= start:
            continue  # ended before (or on the day) care began
        if care_end is not None and start >= care_end:
            continue  # allocated on or after the day care ended: not while looked after
        table.add(
            [
                b.child(pk),
                b.dob(pk),
                c.sw_id(str(a["worker__swe_registration_number"] or ""), int(a["worker_id"])),
                c.fmt(start),
                c.fmt(end),
                c.sw_reason(reason),
            ],
            Source(pk, "workforce.allocation", a["id"]),
        )


def dolo(b: YearBuild) -> None:
    if "DoLo" in b.tables:
        b.gaps.append(
            Gap(
                NAME,
                "DoLo (deprivation of liberty orders)",
                "Harbour does not yet record deprivation of liberty orders; the DoLo file is empty.",
            )
        )
