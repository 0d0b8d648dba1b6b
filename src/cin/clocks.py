"""CIN review and visit clocks."""

from datetime import date, timedelta

import timescales
from plans.standards import standard


def next_review_due(plan_start: date, last_review: date | None, months: int | None = None) -> date:
    """CIN plan reviews at the authority's frequency (setting `HARBOUR_PROTECTION`
    `cin_review_months`, default 3): `months` calendar months (corresponding-date rule) after
    the last review, or after the plan's start when there has been none."""
    m = months if months is not None else standard("cin_review_months")
    return timescales.add_months(last_review or plan_start, m)


def next_visit_due(plan_start: date, last_visit: date | None, weeks: int | None = None) -> date:
    """A child in need visit at the authority's frequency (setting `HARBOUR_PROTECTION`
    `cin_visit_weeks`, default 4): `weeks` weeks after the last CIN visit in which the child
    was seen, or after the plan's start when there has been none since."""
    w = weeks if weeks is not None else standard("cin_visit_weeks")
    return max(plan_start, last_visit or plan_start) + timedelta(weeks=w)
