"""Care leaver eligibility and the OC3 birthday window: pure functions over dates.

Definitions (Children Act 1989 s19B, s23A, s23C, s24; Care Planning, Placement and Case
Review (England) Regulations 2010 reg 40; TIMESCALES.md §3.1; DATA_MODEL §2.21):

* The **qualifying period** is "a period or periods totalling at least 13 weeks which began
  after the child reached 14 and ended after the child reached 16". We count the days looked
  after on or after the 14th birthday (a period covers its start date up to the day before its
  end date, the 903 convention that the end date is the day care ceased; an open period counts
  up to and including the day measured) and require at least 91 days, with some day looked
  after falling on or after the 16th birthday.
* **Eligible**: aged 16 or 17, looked after now, qualifying period met.
* **Relevant**: aged 16 or 17, no longer looked after, qualifying period met when care ended.
* **Former relevant**: aged 18 to 25, qualifying period met before the 18th birthday (so they
  were eligible or relevant when they turned 18).
* **Qualifying**: aged 16 to 20, looked after at some time on or after the 16th birthday but
  without the qualifying period (s24; support can continue to 25 in education, which this
  function does not know about — record it as the recorded category).
* Otherwise **none** (including anyone under 16 or aged 26 or over).

Not modelled: pre-planned short breaks (reg 48) that do not count towards the 13 weeks,
young people detained or in hospital at 16, and those returned home for 6 months or more
(who stop being relevant). The recorded category lets a worker override with reasons; pages
show computed and recorded side by side.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from timescales import add_months

ELIGIBLE = "ELIGIBLE"
RELEVANT = "RELEVANT"
FORMER_RELEVANT = "FORMER_RELEVANT"
QUALIFYING = "QUALIFYING"
NONE = "NONE"

QUALIFYING_DAYS = 91  # 13 weeks
OC3_AGES = (17, 18, 19, 20, 21)

Period = tuple[date, date | None]


def birthday(dob: date, age: int) -> date:
    """The `age`th birthday; 29 February birthdays fall on 28 February in other years."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return dob.replace(year=dob.year + age, day=28)


def age_on(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _last_day(period: Period, upto: date) -> date:
    start, end = period
    last = upto if end is None else min(end - timedelta(days=1), upto)
    return max(last, start - timedelta(days=1))


def days_looked_after_since(periods: Iterable[Period], since: date, upto: date) -> int:
    """Days looked after from `since` to `upto` inclusive (end dates are not counted)."""
    total = 0
    for start, end in periods:
        first = max(start, since)
        last = _last_day((start, end), upto)
        if last >= first:
            total += (last - first).days + 1
    return total


def looked_after_on(periods: Iterable[Period], day: date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in periods)


def _looked_after_between(periods: list[Period], first: date, last: date) -> bool:
    return any(start <= last and _last_day((start, end), last) >= first for start, end in periods)


def qualifying_period_met(dob: date, periods: Iterable[Period], upto: date) -> bool:
    """13 weeks looked after since 14, with some of it on or after the 16th birthday, by `upto`."""
    periods = list(periods)
    sixteenth = birthday(dob, 16)
    if upto < sixteenth or not _looked_after_between(periods, sixteenth, upto):
        return False
    return days_looked_after_since(periods, birthday(dob, 14), upto) >= QUALIFYING_DAYS


def compute_eligibility(dob: date, periods: Iterable[Period], on: date) -> str:
    """The care leaver category on `on` (see the module docstring for the definitions)."""
    periods = [(s, e) for s, e in periods if s <= on]
    age = age_on(dob, on)
    if age < 16 or age > 25 or not periods:
        return NONE
    sixteenth = birthday(dob, 16)
    if age < 18:
        if looked_after_on(periods, on):
            return ELIGIBLE if qualifying_period_met(dob, periods, on) else NONE
        if qualifying_period_met(dob, periods, on):
            return RELEVANT
        return QUALIFYING if _looked_after_between(periods, sixteenth, on) else NONE
    day_before_18 = birthday(dob, 18) - timedelta(days=1)
    if qualifying_period_met(dob, periods, day_before_18):
        return FORMER_RELEVANT
    if age <= 20 and _looked_after_between(periods, sixteenth, on):
        return QUALIFYING
    return NONE


def oc3_window(dob: date, age: int) -> tuple[date, date]:
    """The "around the birthday" window for the 903 OC3 status at `age` (17 to 21).

    From 3 months before to 1 month after the birthday, inclusive (TIMESCALES.md §3.5: the
    903 guide's usual statement; low confidence, check the current guide). Month arithmetic
    uses the corresponding-date rule (31 May birthday: 28/29 Feb to 30 Jun).
    """
    day = birthday(dob, age)
    return add_months(day, -3), add_months(day, 1)


def oc3_age_due(dob: date, on: date) -> int | None:
    """The OC3 birthday (17–21) whose window contains `on`, if any."""
    for age in OC3_AGES:
        start, end = oc3_window(dob, age)
        if start <= on <= end:
            return age
    return None


def ordinal(n: int) -> str:
    """17 -> "17th", 21 -> "21st", 22 -> "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
