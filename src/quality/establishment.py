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


def trend(last: date, months: int = 12) -> list[EstablishmentRow]:
    """The authority's totals for each of the `months` months up to `last`, oldest first (the
    teams recorded in each)."""
    first = add_months(last.replace(day=1), -(months - 1))
    by_month: dict[date, list[EstablishmentRow]] = {}
    for r in TeamEstablishment.objects.filter(month__range=(first, last)).select_related("team"):
        by_month.setdefault(r.month, []).append(_row(r))
    return [total(rows, month) for month, rows in sorted(by_month.items())]
