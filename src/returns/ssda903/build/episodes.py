"""The Episodes table: every episode of care open at any time in the year."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q

from looked_after.models import CareEpisode
from people.models import Address

from ...base import Source
from .. import codes as c
from .year import SHORT_BREAKS, Row, YearBuild


def episodes(b: YearBuild) -> None:
    in_year = CareEpisode.objects.filter(
        b.scope(),
        Q(end_date__isnull=True) | Q(end_date__gte=b.start),
        start_date__lte=b.end,
    )
    # The cohort as a subquery: other tables filter on it in SQL, not on thousands of ids.
    b.cohort = in_year.values("person_id")
    rows = list(
        in_year.order_by("person_id", "start_date", "id").values(
            "id",
            "person_id",
            "period_id",
            "period__start_date",
            "start_date",
            "reason_new_episode",
            "legal_status__legal_status",
            "period__category_of_need",
            "placement_id",
            "placement__placement_type",
            "placement__provider",
            "placement__postcode",
            "placement__urn",
            "placement__reason_for_change",
            "placement__end_date",
            "end_date",
            "reason_ceased",
        )
    )
    b.episode_rows = rows
    b.episode_children = {r["person_id"] for r in rows}
    b.load_people(b.cohort)
    homes = home_postcodes(b)
    uasc = b.uasc_statuses()
    table = b.tables["Episodes"]
    by_child: dict[int, list[Row]] = defaultdict(list)
    r: Row
    for r in rows:
        by_child[r["person_id"]].append(r)
    for pk, eps in by_child.items():
        for i, r in enumerate(eps):
            end = r["end_date"] if r["end_date"] and r["end_date"] <= b.end else None
            place = c.placement_code(str(r["placement__placement_type"]), b.year)
            # REASON_PLACE_CHANGE belongs to the episode whose placement ended (rule 225).
            nxt = eps[i + 1] if i + 1 < len(eps) else None
            moved = bool(
                end and nxt and nxt["placement_id"] != r["placement_id"] and nxt["start_date"] == end
            )
            reason = str(r["placement__reason_for_change"] or "") if moved else ""
            if nxt is not None and (
                place in c.TEMPORARY
                or c.placement_code(str(nxt["placement__placement_type"]), b.year) in c.TEMPORARY
            ):
                reason = ""  # rule 226: none on temporary placements or the episode before one
            short_break = r["legal_status__legal_status"] in SHORT_BREAKS
            home = "" if short_break or pk in uasc else _home_at(homes.get(pk, []), r["start_date"])
            table.add(
                [
                    b.child(pk),
                    c.fmt(r["start_date"]),
                    r["reason_new_episode"],
                    r["legal_status__legal_status"],
                    r["period__category_of_need"],
                    place,
                    c.provider_code(place, str(r["placement__provider"]), b.year),
                    c.fmt(end),
                    r["reason_ceased"] if end else "",
                    reason,
                    home,
                    "" if short_break else str(r["placement__postcode"] or "").upper(),
                    c.urn_code(place, str(r["placement__urn"] or "")),
                ],
                Source(pk, "looked_after.careepisode", int(r["id"])),
            )


def home_postcodes(b: YearBuild) -> dict[int, list[tuple[date, date | None, str]]]:
    found: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    for a in (
        Address.objects.filter(person_id__in=b.cohort, kind="HOME")
        .order_by("start_date", "id")
        .values("person_id", "start_date", "end_date", "postcode")
    ):
        found[a["person_id"]].append((a["start_date"], a["end_date"], a["postcode"]))
    return found


def _home_at(addresses: list[tuple[date, date | None, str]], on: date) -> str:
    """The child's home postcode on `on`; else the latest one before it; else the first."""
    best = ""
    for start, end, postcode in addresses:
        if start <= on and (end is None or end >= on):
            return postcode.upper()
        if start <= on:
            best = postcode.upper()
    return best or (addresses[0][2].upper() if addresses else "")
