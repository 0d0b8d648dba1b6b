"""CIN review clock."""

from datetime import date

import timescales
from protection.flags import standard


def next_review_due(plan_start: date, last_review: date | None, months: int | None = None) -> date:
    """CIN plan reviews at the authority's frequency (setting `HARBOUR_PROTECTION`
    `cin_review_months`, default 3): `months` calendar months (corresponding-date rule) after
    the last review, or after the plan's start when there has been none."""
    m = months if months is not None else standard("cin_review_months")
    return timescales.add_months(last_review or plan_start, m)
