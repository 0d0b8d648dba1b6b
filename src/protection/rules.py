"""Rules of this stage that more than one caller needs, each written once.

Conferences are held on working days: the CIN census (rule 8875) refuses a conference dated
at a weekend. The service refuses such a date where it is entered; the demo generator places
its conferences with the same rule.
"""

from datetime import date, timedelta


def is_conference_day(day: date) -> bool:
    """A child protection conference may be held on this day (not a Saturday or Sunday)."""
    return day.weekday() < 5


def conference_day_on_or_before(day: date) -> date:
    """The latest day on or before `day` on which a conference may be held."""
    while not is_conference_day(day):
        day -= timedelta(days=1)
    return day
