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
from .catalogue import CATALOGUE
from .figures import monthly
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
    scope, families = pages.overview(user, month)
    _, year_families = pages.overview(user, rolling_12_months(month.end))
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
    months = trend_months(month.end)
    everything = list(CATALOGUE.indicators.values())
    if scope.everyone:
        trends = monthly(everything, months)
    else:
        trends = monthly(everything, months, drill.keeping(scope))
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
    return doc
