"""Pure clocks and indicators for children in care. No database access: each takes dates
(history rows reduced to dates) and returns dates or numbers. Due dates come from
`timescales` only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import timescales
from timescales import Unit

from .models import VisitRegime

ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})


@dataclass(frozen=True)
class Due:
    rule_id: str
    due: date


def next_review_due(period_start: date, held: Sequence[date]) -> Due:
    """When the next looked-after review is due (CPPCR 2010 reg 33; TIMESCALES §2.12).

    First review within 20 working days of the date the child became looked after (DECOM is
    day 0, rule `lac_first_review`); the second not more than 3 months after the first
    (`lac_second_review`); later ones not more than 6 months after the previous
    (`lac_review`, calendar months with the corresponding-date rule). `held` are the dates
    of reviews already held in this period of care.
    """
    reviews = sorted(held)
    if not reviews:
        return Due("lac_first_review", timescales.due_date("lac_first_review", period_start))  # type: ignore[arg-type]
    if len(reviews) == 1:
        return Due("lac_second_review", timescales.due_date("lac_second_review", reviews[0]))  # type: ignore[arg-type]
    return Due("lac_review", timescales.due_date("lac_review", reviews[-1]))  # type: ignore[arg-type]


def next_visit_due(
    *,
    regime: str,
    placement_start: date,
    visits: Sequence[date],
    first_review: date | None = None,
    intended_until_18: bool = False,
) -> date:
    """The date by which the next statutory visit is due (CPPCR 2010 reg 28; TIMESCALES §2.6–2.10).

    - Every regime: the first visit within 1 week (7 calendar days) of the placement start
      (reg 28(2)(a); for a full care order with parent, of the order — pass its date as
      `placement_start`). Visits before the placement started do not count: any new
      placement restarts the cycle.
    - STANDARD: then at intervals of not more than 6 weeks during the first year of the
      placement; after the first year not more than 3 months if the placement is intended
      to last until 18, otherwise 6 weeks (reg 28(2)(b)–(c)).
    - LONG_TERM_FOSTER: as STANDARD in year 1; after the placement has lasted a year, not
      more than 6 months (reg 28(3A), the child agreeing).
    - PARENT_BEFORE_ASSESSMENT: weekly until the first review, then 6-weekly (reg 28(3)).
    - CONNECTED_OR_ICO_PARENT: weekly until the first review, then 4-weekly (reg 28(4)).
    - CARE_ORDER_PARENT: then 6-weekly (reg 28(5)).
    "Until the first review": a visit made before the first review (or while none is held)
    is followed by another within a week. Intervals run from the previous visit (calendar
    days, a visit on the due date complies; months use the corresponding-date rule).
    """
    counted = sorted(v for v in visits if v >= placement_start)
    if not counted:
        return timescales.apply_interval(placement_start, 7, Unit.CALENDAR_DAYS)
    last = counted[-1]
    before_first_review = first_review is None or last < first_review
    first_year = last < timescales.add_months(placement_start, 12)
    if regime == VisitRegime.PARENT_BEFORE_ASSESSMENT:
        return timescales.apply_interval(last, 1 if before_first_review else 6, Unit.WEEKS)
    if regime == VisitRegime.CONNECTED_OR_ICO_PARENT:
        return timescales.apply_interval(last, 1 if before_first_review else 4, Unit.WEEKS)
    if regime == VisitRegime.CARE_ORDER_PARENT or first_year:
        return timescales.apply_interval(last, 6, Unit.WEEKS)
    if regime == VisitRegime.LONG_TERM_FOSTER:
        return timescales.apply_interval(last, 6, Unit.MONTHS)
    if intended_until_18:
        return timescales.apply_interval(last, 3, Unit.MONTHS)
    return timescales.apply_interval(last, 6, Unit.WEEKS)


def next_health_review_due(last_assessment: date, date_of_birth: date) -> date:
    """Review health assessment due date (CPPCR 2010 reg 7; Health SG 2015; TIMESCALES §2.21
    and §9 "age-based intervals"): last + 6 months while the child is under 5; if that date
    falls on or after the 5th birthday, last + 12 months. (Interpretation flagged for
    practitioner confirmation in TIMESCALES §9.)"""
    six = timescales.apply_interval(last_assessment, 6, Unit.MONTHS)
    fifth = timescales.add_months(date_of_birth, 60)
    if six < fifth:
        return six
    return timescales.apply_interval(last_assessment, 12, Unit.MONTHS)


@dataclass(frozen=True)
class Stay:
    """A placement reduced to what the stability measures need."""

    start: date
    end: date | None
    placement_type: str = ""


def placements_in_year(stays: Sequence[Stay], as_at: date) -> int:
    """Placements the child had during the 12 months ending `as_at` (DfE short-term stability,
    ex-NI 62: a child looked after at 31 March with 3 or more placements in the year is
    counted as unstable; TIMESCALES §6). A placement counts if any day of it falls in the
    window (as_at − 12 months, as_at]; temporary placements (T0–T4) are not counted."""
    window_start = timescales.add_months(as_at, -12)
    return sum(
        1
        for s in stays
        if s.placement_type not in TEMPORARY_PLACEMENTS
        and s.start <= as_at
        and (s.end is None or s.end > window_start)
    )


def moves_in_last_12_months(stays: Sequence[Stay], as_at: date) -> int:
    """Moves (a placement starting the day another ended) in the 12 months ending `as_at`."""
    window_start = timescales.add_months(as_at, -12)
    ends = {s.end for s in stays if s.end is not None}
    return sum(1 for s in stays if window_start < s.start <= as_at and s.start in ends)


def long_term_stable(
    *, date_of_birth: date, looked_after_since: date, stays: Sequence[Stay], as_at: date
) -> bool | None:
    """DfE long-term placement stability (ex-NI 63; TIMESCALES §6). None when the child is
    outside the cohort: aged 16 or over at `as_at`, or looked after continuously for less
    than 2.5 years (30 months). Otherwise True when the current placement has lasted at
    least 2 years at `as_at`, or the child is placed for adoption (A3–A6) and the adoptive
    placement together with the placement immediately before it lasted at least 2 years."""
    if timescales.add_months(date_of_birth, 16 * 12) <= as_at:
        return None
    if timescales.add_months(looked_after_since, 30) > as_at:
        return None
    current = [s for s in stays if s.start <= as_at and (s.end is None or s.end > as_at)]
    if not current:
        return None
    now = max(current, key=lambda s: s.start)
    two_years_ago = timescales.add_months(as_at, -24)
    if now.start <= two_years_ago:
        return True
    if now.placement_type in ADOPTION_PLACEMENTS:
        before = [s for s in stays if s.end == now.start]
        return bool(before) and before[0].start <= two_years_ago
    return False


def screening_trend(scores: Sequence[int]) -> list[str]:
    """Text arrows comparing each screening score with the one before: "↑ up", "↓ down",
    "→ same"; the first has "–"."""
    out = []
    for i, score in enumerate(scores):
        if i == 0:
            out.append("–")
        elif score > scores[i - 1]:
            out.append("↑ up")
        elif score < scores[i - 1]:
            out.append("↓ down")
        else:
            out.append("→ same")
    return out


def reason_new_episode(*, legal_status_changed: bool, placement_changed: bool, same_carer: bool) -> str:
    """SSDA903 RNE from what changed: L legal status only; P placement and carer; T placement,
    same carer; B legal status and placement and carer; U legal status and placement, same carer."""
    if legal_status_changed and placement_changed:
        return "U" if same_carer else "B"
    if placement_changed:
        return "T" if same_carer else "P"
    if legal_status_changed:
        return "L"
    raise ValueError("nothing changed")
