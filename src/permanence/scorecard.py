"""Adoption scorecard timings (DfE adoption scorecard; TIMESCALES.md §4.6): pure functions.

* **A1** — days between the child entering care and moving in with the adoptive family:
  ``moved_in - entered_care`` in calendar days. "Entered care" is the start of the period of
  care in which the child was adopted; "moved in" is the date placed for adoption.
* **A2** — days between the local authority receiving court authority to place (placement
  order, or consent) and the match decision: ``matched - authority``; a child matched before
  authority was obtained counts as 0 days (never negative).
* **A10** — A1 adjusted for foster-carer adoptions: where the child is adopted by their foster
  carer, the clock stops on the date the child moved in with that carer, not the later date
  the placement became an adoptive one.

Thresholds (3-year averages): A1 426 days (14 months), A2 121 days (4 months) for 2013–16
onward. Averages are over children adopted in the period; these functions give one child's days.
"""

from datetime import date

A1_THRESHOLD_DAYS = 426
A2_THRESHOLD_DAYS = 121


def a1_days(entered_care: date, moved_in: date) -> int:
    """Days from entering care to moving in with the adoptive family."""
    if moved_in < entered_care:
        raise ValueError("moved_in is before entered_care")
    return (moved_in - entered_care).days


def a2_days(authority: date, matched: date) -> int:
    """Days from court authority to place to the match decision (0 if matched first)."""
    return max((matched - authority).days, 0)


def a10_days(entered_care: date, moved_in: date, foster_placement_start: date | None = None) -> int:
    """A1, but stopping at the move to the foster carer who went on to adopt the child."""
    stop = moved_in
    if foster_placement_start is not None:
        stop = min(moved_in, max(foster_placement_start, entered_care))
    return a1_days(entered_care, stop)
