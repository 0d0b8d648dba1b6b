"""Early help measures: pure functions, documented and tested."""

from datetime import date


def days_waiting(requested_on: date, today: date, ended_on: date | None = None) -> int:
    """Calendar days a family group conference request has waited.

    Definition (local measure): days from the request date to the date it was held or
    withdrawn, or to `today` while still waiting; the request day itself is day 0.
    """
    return ((ended_on or today) - requested_on).days
