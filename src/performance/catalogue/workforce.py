"""The workforce: social workers' supervision and caseloads, as `quality.measures` counts
them (local measures), and the vacancy, agency and turnover rates of the teams'
establishment, as `quality.rules.workforce_shares` reads it (the DfE's workforce collection
counts the same way). The supervision and caseload indicators' subject is the worker: a row
per social worker in post at the end of the period (active, joined by then:
`workforce.queries.social_workers`), and the drill-down lists workers by team. The rates'
subject is the team: a row per team's establishment, its part and its whole, so the
authority's rate is of the teams' sums."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from quality import establishment, measures

from ..periods import Period
from .base import Item, Polarity, Source, Subject, Unit, declare
from .quality import rows

FAMILY = "Workforce"


def _supervision(period: Period) -> list[Item]:
    on = period.end  # today while the period runs on (`as_at`)
    return rows(measures.supervision_within_standard(on), on, "Social worker")


def _caseloads(period: Period) -> list[Item]:
    """A row per social worker: their weighted caseload, `hit` when at or over the threshold
    that applies to them."""
    on = period.end  # today while the period runs on (`as_at`)
    return [
        Item(
            load.worker.pk,
            on,
            hit=load.over_threshold,
            what=f"{load.children} {'child' if load.children == 1 else 'children'}",
            value=load.weighted,
        )
        for load in measures.worker_caseloads(on)
    ]


def _of_workers(**fields: object) -> None:
    """A local measure of social workers, as at the end of the period."""
    declare(source=Source.LOCAL, family=FAMILY, subject=Subject.WORKER, as_at=True, **fields)


_of_workers(
    id="supervision_within_standard",
    title="Social workers with supervision within the standard",
    definition="Of the social workers in post at the end of the period, those whose last supervision "
    "is within the authority's standard on that day: every 28 days, or every 14 days for a newly "
    "qualified worker in their first 6 months (a worker never supervised is due the interval after "
    "joining).",
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator="Social workers whose supervision is not overdue",
    denominator="Social workers in post",
    items=_supervision,
)

_of_workers(
    id="caseload_weighted_average",
    title="Average weighted caseload",
    definition="The weighted caseload of the social workers in post at the end of the period, on "
    "average: each child allocated to them weighted by the heaviest kind of work it is (court "
    "proceedings, child protection, child in care, care leaver, child in need; the authority's "
    "weights).",
    unit=Unit.AVERAGE,
    polarity=Polarity.LOWER,
    numerator="Weighted caseload, per social worker",
    denominator="Social workers in post",
    items=_caseloads,
)

_of_workers(
    id="caseload_weighted_maximum",
    title="Largest weighted caseload",
    definition="The largest weighted caseload of any social worker in post at the end of the period.",
    unit=Unit.MAXIMUM,
    polarity=Polarity.LOWER,
    numerator="The largest weighted caseload",
    denominator="Social workers in post",
    items=_caseloads,
)

_of_workers(
    id="caseload_over_threshold",
    title="Social workers over the caseload threshold",
    definition="Of the social workers in post at the end of the period, those whose weighted "
    "caseload is at or over the authority's amber threshold (the lower threshold of a newly "
    "qualified worker's protected caseload for them).",
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Social workers at or over the threshold",
    denominator="Social workers in post",
    items=_caseloads,
)


def _fte(number: Decimal) -> str:
    """A full time equivalent as written: 10, 2.5."""
    return f"{number.normalize():f}"


def _establishment(share: str, what: str) -> Callable[[Period], list[Item]]:
    """A row per team with an establishment recorded by the period's end: the team's part of
    its whole for the rate `share` (`quality.rules.workforce_shares`)."""

    def items(period: Period) -> list[Item]:
        found = []
        for row in establishment.over(period.start, period.end):
            part, whole = getattr(row.shares, share)
            found.append(
                Item(
                    row.team.pk if row.team else 0,
                    period.end,
                    what=f"{_fte(part)} {what} {_fte(whole)} ({row.month:%B %Y})",
                    value=part,
                    base=whole,
                )
            )
        return found

    return items


def _of_teams(**fields: object) -> None:
    """A percentage of the teams' establishments, as at the end of the period."""
    declare(
        source=Source.LOCAL,
        family=FAMILY,
        subject=Subject.TEAM,
        unit=Unit.PERCENTAGE,
        polarity=Polarity.LOWER,
        divisible=False,
        **fields,
    )


_of_teams(
    id="workforce_vacancy_rate",
    title="Social worker vacancy rate",
    definition="Of the social work posts (full time equivalents) in the teams' establishment for the "
    "last month recorded by the end of the period, those not filled by permanent staff, whether "
    "covered by an agency worker or not (as the DfE's workforce collection counts a vacancy).",
    numerator="Posts not filled by permanent staff (FTE)",
    denominator="Social work posts (FTE)",
    items=_establishment("vacancy", "vacant of"),
    as_at=True,
)

_of_teams(
    id="workforce_agency_rate",
    title="Agency social worker rate",
    definition="Of the social workers in post (full time equivalents, permanent and agency) in the "
    "teams' establishment for the last month recorded by the end of the period, the agency workers.",
    numerator="Agency workers (FTE)",
    denominator="Social workers in post (FTE)",
    items=_establishment("agency", "agency of"),
    as_at=True,
)

_of_teams(
    id="workforce_turnover",
    title="Social worker turnover",
    definition="The social workers who left the teams in the months of the period, as a percentage of "
    "the permanent staff (full time equivalents) in the last month recorded by the end of the period.",
    numerator="Leavers in the period",
    denominator="Permanent staff in post (FTE)",
    items=_establishment("turnover", "leavers of"),
)
