"""Early help measures: pure functions, documented and tested."""

from datetime import date, timedelta

from core.standards import configured


def days_waiting(requested_on: date, today: date, ended_on: date | None = None) -> int:
    """Calendar days a family group conference request has waited.

    Definition (local measure): days from the request date to the date it was held or
    withdrawn, or to `today` while still waiting; the request day itself is day 0.
    """
    return ((ended_on or today) - requested_on).days


# The authority's early help standard (setting `HARBOUR_EARLY_HELP`): no law sets how often an
# early help plan is reviewed; a review every 12 weeks is a common local standard.
DEFAULTS = {"plan_review_weeks": 12}


def standard(name: str) -> int:
    """The authority's configured early help standard (`settings.HARBOUR_EARLY_HELP`) or the
    default."""
    return configured("HARBOUR_EARLY_HELP", DEFAULTS, name)


def next_review_due(start_date: date, last_review: date | None, weeks: int | None = None) -> date:
    """The early help plan's next review, at the authority's frequency (`plan_review_weeks`,
    default 12): `weeks` weeks after the last review, or after the episode started when there
    has been none.

    Started Mon 3 Feb 2025, no review -> Mon 28 Apr 2025; reviewed 1 May 2025 -> 24 Jul 2025.
    """
    w = weeks if weeks is not None else standard("plan_review_weeks")
    return (last_review or start_date) + timedelta(weeks=w)
