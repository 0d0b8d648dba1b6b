"""Court clocks: pure functions over dates.

**26-week limit** (Children Act 1989 s32(1)(a)(ii), as amended by the Children and Families
Act 2014 s14; TIMESCALES.md §4.1 and §9): care and supervision proceedings are to be disposed
of "without delay, and in any event within twenty-six weeks beginning with the day on which
the application was issued". The issue date is day 1, so the limit is the issue date + 26 weeks
− 1 day (`timescales` rule ``care_proceedings``). The court may extend the limit where
necessary to resolve the proceedings justly, each extension by no more than 8 weeks
(s32(5)–(8)); the current limit is the statutory date + the extensions granted.

**PLO pre-proceedings**: about 16 weeks from the letter before proceedings (rule
``plo_pre_proceedings``, low confidence; Public Law Working Group guidance).
"""

from collections.abc import Iterable
from datetime import date, timedelta

import timescales

MAX_EXTENSION_WEEKS = 8


def proceedings_limit(issue_date: date, extension_weeks: Iterable[int] = ()) -> date:
    """The last day for disposal: 26 weeks beginning with the issue date, plus extensions.

    Issued Mon 6 Jan 2025 -> Sun 6 Jul 2025; with one 8-week extension -> Sun 31 Aug 2025.
    """
    statutory = timescales.due_date("care_proceedings", issue_date)
    return statutory + timedelta(weeks=sum(extension_weeks))  # type: ignore[operator]


def proceedings_day(issue_date: date, on: date) -> int:
    """Which day of the proceedings `on` is: the issue date is day 1."""
    return (on - issue_date).days + 1


def proceedings_week(issue_date: date, on: date) -> int:
    """Which week of the proceedings `on` falls in: days 1–7 are week 1, day 182 is week 26."""
    return (proceedings_day(issue_date, on) - 1) // 7 + 1


def plo_due(letter_or_decision: date) -> date:
    return timescales.due_date("plo_pre_proceedings", letter_or_decision)  # type: ignore[return-value]
