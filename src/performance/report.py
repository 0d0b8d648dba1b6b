"""The monthly performance report, as a director takes it to a performance board: every
indicator for the month and the 12 months to its end, with target, status, England and
direction of travel, then each indicator's last 13 months. Built as a `casework.rendering`
document, so it renders to PDF like every document Harbour generates."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from casework.rendering import Doc

from . import drill, pages
from .catalogue import CATALOGUE, Figure, Unit
from .chart import describe, trend_svg
from .figures import monthly, read_rows
from .periods import Period, rolling_12_months, trend_months

STATUS = {"green": "On target", "amber": "Within tolerance", "red": "Off target", "": "–"}
TRAVEL = {
    "improving": "Improving",
    "worsening": "Worsening",
    "same": "No change",
    "up": "Up",
    "down": "Down",
    "": "–",
}


def monthly_report(user: User, month: Period) -> Doc:
    twelve, months = rolling_12_months(month.end), trend_months(month.end)
    everything = list(CATALOGUE.indicators.values())
    # The month, the 12 months to its end, the periods before each and the 13 months of the
    # trend: each rows function read once where its rows split by date.
    scope = drill.scope_for(user)
    scoped = pages.scoped_rows(
        read_rows(everything, [month, month.previous(), twelve, twelve.previous(), *months]), scope
    )
    _, families = pages.overview(user, month, {key: lists[0:2] for key, lists in scoped.items()})
    _, year_families = pages.overview(user, twelve, {key: lists[2:4] for key, lists in scoped.items()})
    year_lines = {line.indicator.id: line for family in year_families for line in family.lines}
    doc = Doc(title=f"Performance report: {month.label}")
    doc.h1(f"Performance report: {month.label}")
    doc.meta("Authority", settings.HARBOUR_AUTHORITY["name"])
    doc.meta("Figures for", scope.label)
    doc.meta("Produced", timezone.localtime().strftime("%d/%m/%Y %H:%M"))
    doc.p(
        "Every figure is counted from what is recorded in Harbour, by the definitions on the "
        "performance page. Targets are the authority's own; England figures are the DfE's latest "
        "published, where held."
    )
    for family in families:
        doc.h2(family.name)
        rows = [["Indicator", month.label, "12 months", "Target", "Status", "England", "Since last month"]]
        for line in family.lines:
            year = year_lines[line.indicator.id]
            rows.append(
                [
                    line.indicator.title,
                    line.value,
                    year.value,
                    str(line.target.target) if line.target else "–",
                    STATUS[line.rag],
                    f"{line.england.value} ({line.england.year})" if line.england else "–",
                    TRAVEL[line.direction],
                ]
            )
        doc.table(rows, widths=[0.31, 0.11, 0.11, 0.09, 0.13, 0.12, 0.13])
    trends = monthly(
        everything,
        months,
        read={key: [[r.item for r in found] for found in lists[4:]] for key, lists in scoped.items()},
    )
    doc.h2("The last 13 months")
    header = ["Indicator", *[m.start.strftime("%b %y") for m in months]]
    rows = [header]
    for indicator in CATALOGUE.indicators.values():
        rows.append(
            [
                indicator.title,
                *[pages.shown(f.value, indicator.unit).replace(" days", "") for f in trends[indicator.id]],
            ]
        )
    doc.table(rows, widths=[0.22] + [0.06] * 13)
    _charts(doc, families, trends, months)
    return doc


def _charts(
    doc: Doc, families: list[pages.Family], trends: dict[str, list[Figure]], months: list[Period]
) -> None:
    """Each indicator's 13 months drawn as the performance page draws them (the same SVG, with
    the target as a dashed line), family by family, with the words that describe each."""
    labels = [m.start.strftime("%b %y") for m in months]
    for family in families:
        doc.h2(f"{family.name}: the last 13 months")
        for line in family.lines:
            indicator = line.indicator
            unit = "%" if indicator.unit == Unit.PERCENTAGE else ""
            points = list(zip(labels, [f.value for f in trends[indicator.id]], strict=True))
            title = f"{indicator.title}: the 13 months to {months[-1].label}"
            target = line.target.target if line.target else None
            svg = trend_svg(title, points, target=target, unit=unit)
            aim = f" Target {target}{unit} (dashed line)." if target is not None else ""
            doc.chart(str(svg), f"{title}. {describe(points, unit, table_below=False)}{aim}")
