"""Front-door clocks and indicators: pure functions over dates, each documented and tested.

- `is_out_of_hours`: the authority's office hours are 09:00–17:00 on working days (England
  and Wales calendar, `timescales.is_working_day`); anything else is out of hours.
- `decision_deadline`: the 1-working-day decision (Working Together 2023 ch.3; rule
  `referral_decision`), clock started on the date the contact was received (day 0).
- `is_re_referral`: DfE definition (TIMESCALES.md §6) — a referral within 12 months of a
  previous referral for the same child.
- `contacts_in_window` / `has_frequent_contacts`: the local alert "three or more contacts in
  a month", defined as a rolling 30-day window.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

import timescales

OFFICE_OPENS = time(9, 0)
OFFICE_CLOSES = time(17, 0)
FREQUENT_CONTACT_WINDOW_DAYS = 30
FREQUENT_CONTACT_THRESHOLD = 3
RE_REFERRAL_MONTHS = 12

DEFAULT_THRESHOLD_LEVELS: tuple[tuple[str, str], ...] = (
    ("1", "Level 1: universal"),
    ("2", "Level 2: early help (additional needs)"),
    ("3", "Level 3: complex or targeted (child in need)"),
    ("4", "Level 4: acute or specialist (child protection)"),
)


def threshold_levels() -> tuple[tuple[str, str], ...]:
    """The authority's continuum of need: `settings.HARBOUR_THRESHOLD_LEVELS` or the default.

    A setting is a sequence of (code, label) pairs, e.g. (("1", "Level 1: universal"), ...).
    """
    configured = getattr(settings, "HARBOUR_THRESHOLD_LEVELS", None)
    return (
        tuple((str(code), str(label)) for code, label in configured)
        if configured
        else DEFAULT_THRESHOLD_LEVELS
    )


def local_time(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def is_out_of_hours(received_at: datetime) -> bool:
    """True when a contact arrived outside office hours.

    Definition: office hours are 09:00 (inclusive) to 17:00 (exclusive), local UK time, on a
    working day (Monday–Friday except England and Wales bank holidays). Weekday evenings and
    nights (17:00–09:00), weekends and bank holidays are out of hours. Source: the
    authority's emergency duty arrangements (local definition).
    """
    moment = local_time(received_at)
    if not timescales.is_working_day(moment.date()):
        return True
    return not (OFFICE_OPENS <= moment.time() < OFFICE_CLOSES)


def decision_deadline(received_at: datetime) -> timescales.Deadline:
    """Due date of the screening decision: 1 working day after the (local) received date."""
    return timescales.compute_deadline("referral_decision", local_time(received_at).date())


def is_re_referral(referral_date: date, previous_referral_dates: Iterable[date]) -> bool:
    """True if the referral was within 12 months of a previous referral for the same child.

    DfE definition (Characteristics of children in need; TIMESCALES.md §6): a previous
    referral dated on or after the same calendar date 12 months earlier (corresponding-date
    rule, `timescales.add_months`) and before this referral's date. A previous referral on
    the same day is not counted (it is the same episode recorded twice).
    """
    earliest = timescales.add_months(referral_date, -RE_REFERRAL_MONTHS)
    return any(earliest <= previous < referral_date for previous in previous_referral_dates)


def contacts_in_window(
    contact_dates: Iterable[date], as_at: date, days: int = FREQUENT_CONTACT_WINDOW_DAYS
) -> int:
    """Number of contacts received in the `days` days ending on `as_at` (inclusive both ends).

    With the default 30 days the window is [as_at − 29 days, as_at].
    """
    start = as_at - timedelta(days=days - 1)
    return sum(1 for d in contact_dates if start <= d <= as_at)


def has_frequent_contacts(contact_dates: Iterable[date], as_at: date) -> bool:
    """The local alert "three or more contacts in a month" (rolling 30 days ending `as_at`)."""
    return contacts_in_window(contact_dates, as_at) >= FREQUENT_CONTACT_THRESHOLD


def due_status(due: date, today: date, decided_on: date | None = None) -> str:
    """'overdue', 'due today', 'due' for an open clock; 'on time' / 'late' once decided."""
    if decided_on is not None:
        return "on time" if decided_on <= due else "late"
    if today > due:
        return "overdue"
    return "due today" if today == due else "due"
