"""The workforce as the authority records it month by month: each team's establishment with
its vacancy, agency and turnover rates, and the authority's over the last year. Read-only."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accounts.models import Team
from timescales import add_months

from . import rules
from .models import TeamEstablishment


@dataclass(frozen=True)
class EstablishmentRow:
    team: Team | None  # None: the authority's total
    month: date
    posts: Decimal
    permanent: Decimal
    agency: Decimal
    starters: int
    leavers: int

    @property
    def rates(self) -> rules.WorkforceRates:
        return rules.workforce_rates(self.posts, self.permanent, self.agency, self.leavers)

    @property
    def shares(self) -> rules.WorkforceShares:
        return rules.workforce_shares(self.posts, self.permanent, self.agency, self.leavers)


def _row(r: TeamEstablishment) -> EstablishmentRow:
    return EstablishmentRow(r.team, r.month, r.posts, r.permanent, r.agency, r.starters, r.leavers)


def total(rows: list[EstablishmentRow], month: date) -> EstablishmentRow:
    return EstablishmentRow(
        None,
        month,
        sum((r.posts for r in rows), Decimal(0)),
        sum((r.permanent for r in rows), Decimal(0)),
        sum((r.agency for r in rows), Decimal(0)),
        sum(r.starters for r in rows),
        sum(r.leavers for r in rows),
    )


def latest_month() -> date | None:
    row = TeamEstablishment.objects.order_by("-month").first()
    return row.month if row else None


def for_month(month: date) -> list[EstablishmentRow]:
    """Each team's establishment in the month, by team name."""
    rows = TeamEstablishment.objects.filter(month=month.replace(day=1)).select_related("team")
    return [_row(r) for r in rows.order_by("team__name")]


def over(start: date, end: date) -> list[EstablishmentRow]:
    """Each team's establishment for a period: its posts and staff as at the period's end (the
    latest month recorded by then), with the starters and leavers of the period's months up to
    that one. The workforce indicators read it."""
    month = (
        TeamEstablishment.objects.filter(month__lte=end)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    if month is None:
        return []
    rows = {r.team_id: r for r in TeamEstablishment.objects.filter(month=month).select_related("team")}
    moved: dict[int, list[int]] = {pk: [0, 0] for pk in rows}
    for team_id, starters, leavers in TeamEstablishment.objects.filter(
        team_id__in=rows, month__range=(start.replace(day=1), month)
    ).values_list("team_id", "starters", "leavers"):
        moved[team_id][0] += starters
        moved[team_id][1] += leavers
    return [
        EstablishmentRow(r.team, month, r.posts, r.permanent, r.agency, *moved[pk]) for pk, r in rows.items()
    ]


def trend(last: date, months: int = 12) -> list[EstablishmentRow]:
    """The authority's totals for each of the `months` months up to `last`, oldest first (the
    teams recorded in each)."""
    first = add_months(last.replace(day=1), -(months - 1))
    by_month: dict[date, list[EstablishmentRow]] = {}
    for r in TeamEstablishment.objects.filter(month__range=(first, last)).select_related("team"):
        by_month.setdefault(r.month, []).append(_row(r))
    return [total(rows, month) for month, rows in sorted(by_month.items())]
