"""When a child's unique pupil number (UPN) may be unknown, and which code says why.

The SSDA903 guide's unknown codes (see `codes.person`): UN1 a child not yet of school age,
UN2 never at a maintained school in England, UN3 educated outside England, UN4 newly looked
after with the UPN not yet known, UN5 sources disagree. Two of them are true only for a time,
and the DfE's rules check that time:

* **UN1** until the child starts school: the 1 September after their 4th birthday (a child
  born on 1 September starts a year later). Rule 209 refuses UN1 for a child who was 4 by
  31 August before the collection year began.
* **UN4** for a week: a child looked after for more than a week at 31 March has had time for
  the virtual school to find the UPN (rule 210's message). The rule's check itself looks
  for an episode that began on or after 24 March, so it flags exactly the newly looked after
  children UN4 is for; the return treats that as a fault of the rule
  (`returns.ssda903.validation.findings.known_faults`).

Pure functions of dates: the return's checks and the demo-data generator ask the same ones.
"""

from datetime import date, timedelta

# "Looked after for more than a week at 31 March" (rule 210): a child looked after from
# 24 March has been looked after for 7 days at 31 March, so is still newly looked after.
NEWLY_LOOKED_AFTER_DAYS = 7


def school_start(born: date) -> date:
    """The day a child born on `born` starts school in England (reception): the 1 September
    after their 4th birthday, or on it."""
    return date(born.year + 4 + (1 if (born.month, born.day) >= (9, 1) else 0), 9, 1)


def un1_fits(born: date, on: date) -> bool:
    """Whether UN1 ("not yet of school age") is right for the child on `on`."""
    return on < school_start(born)


def newly_looked_after(looked_after_since: date, on: date) -> bool:
    """Whether a child looked after without a break since `looked_after_since` is newly
    looked after on `on` (for no more than `NEWLY_LOOKED_AFTER_DAYS`)."""
    return on - looked_after_since <= timedelta(days=NEWLY_LOOKED_AFTER_DAYS)


def un4_fits(looked_after_since: date, on: date) -> bool:
    """Whether UN4 ("newly looked after, UPN not yet known") may stand on `on` for a child
    looked after since `looked_after_since` (or later): no return of a year that has ended
    by `on` may report it for a child looked after for more than a week at its 31 March.
    (How soon a UPN is in fact found is the virtual school's work, not this rule's.)"""
    year_end = date(on.year if (on.month, on.day) >= (3, 31) else on.year - 1, 3, 31)
    return year_end < looked_after_since or newly_looked_after(looked_after_since, year_end)
