"""The subject access clock: pure, no database access (dates in, dates out).

UK GDPR Article 12(3): the controller answers a subject access request "without undue delay and
in any event within one month of receipt"; the period "may be extended by two further months
where necessary, taking into account the complexity and number of the requests", and the
controller must tell the requester of any extension, with the reasons, "within one month of
receipt". The ICO's guidance on counting: from the day the request is received to the
corresponding calendar date in the next month; if the next month has no such date, its last
day; if the date falls on a weekend or bank holiday, the next working day. Rules
`subject_access` (1 month) and `subject_access_extended` (3 months) in `timescales.rules`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import timescales


def max_extension_months() -> int:
    """How many further months an extension may add (two: `subject_access_extended` less
    `subject_access`)."""
    return (
        timescales.get_rule("subject_access_extended").amount - timescales.get_rule("subject_access").amount
    )


def _next_working_day(day: date) -> date:
    while not timescales.is_working_day(day):
        day += timedelta(days=1)
    return day


def subject_access_due(received_on: date, extension_months: int = 0) -> date:
    """The date by which the request must be answered.

    One month from receipt (the corresponding date; the month's last day when it has none),
    plus `extension_months` (0, 1 or 2) for an extended request, moved on to the next working
    day. Received 31 January 2025: due 28 February 2025 (a Friday). Received 31 January 2024
    (a leap year): 29 February 2024. Received 28 February 2026: 30 March 2026 (the 28th is a
    Saturday).
    """
    if not 0 <= extension_months <= max_extension_months():
        raise ValueError("A subject access request can be extended by one or two months")
    rule = timescales.get_rule("subject_access")
    return _next_working_day(
        timescales.apply_interval(received_on, rule.amount + extension_months, rule.unit)
    )


@dataclass(frozen=True)
class SubjectAccessClock:
    received_on: date
    first_month_due: date  # the one-month date: also the last day to tell the requester of an extension
    due: date  # with the extension, if any
    extended: bool
    answered_on: date | None
    overdue: bool  # still open after the due date
    late: bool  # answered (or still open) after the due date

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def subject_access_clock(
    received_on: date, today: date, *, extension_months: int = 0, answered_on: date | None = None
) -> SubjectAccessClock:
    """Where a subject access request stands against its statutory clock on `today`."""
    first = subject_access_due(received_on)
    due = subject_access_due(received_on, extension_months)
    open_ = answered_on is None
    return SubjectAccessClock(
        received_on=received_on,
        first_month_due=first,
        due=due,
        extended=extension_months > 0,
        answered_on=answered_on,
        overdue=open_ and today > due,
        late=(answered_on or today) > due,
    )
