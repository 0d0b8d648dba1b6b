"""Statutory and commonly used timescales for children's social care in England, as data.

Each :class:`Rule` says what starts the clock, how long the clock runs (``amount`` of a
:class:`Unit`) and where the rule comes from, with a confidence grade from the project's
timescales reference (H = read in primary text or stated identically by several sources;
MH = long-standing national rule confirmed via secondary sources; M = secondary or partial;
L = uncertain; Local = practice standard, not law).

Units and counting conventions (applied in :mod:`timescales.deadlines`):

* ``WORKING_DAYS`` - "within N working days of X": X is day 0, the deadline is the N-th
  working day after X on the England calendar (see :mod:`timescales.calendar`).
* ``CALENDAR_DAYS`` / ``WEEKS`` - "within one week / 7 days": deadline = X + N days (weeks).
* ``WEEKS_BEGINNING_WITH`` - "within 26 weeks beginning with the day" (Children Act 1989 s32):
  the start day is day 1, so the deadline = X + N weeks - 1 day.
* ``MONTHS`` - "not more than N months after": calendar months, corresponding-date rule (the
  same day-number in the later month, or that month's last day if it has no such day), as the
  Interpretation Act 1978 and *Dodds v Walker* [1981] require.
* ``HOURS`` - "within 72 hours": elapsed hours from the time of the event; needs a datetime.

Rules here are the national defaults. Authorities' earlier practice standards are *local
targets* (see :class:`LocalTarget`), configured per tenant, never a change to the statutory
rule. ``default_local_target`` is None for every rule shipped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .rule import Confidence, LocalTarget, Rule, Unit
from .table import RULE_LIST

__all__ = [
    "RULES",
    "Confidence",
    "LocalTarget",
    "Rule",
    "Unit",
    "UnknownRule",
    "get_rule",
]


class UnknownRule(KeyError):
    """Raised for a rule id that is not in :data:`RULES`."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id

    def __str__(self) -> str:
        return f"unknown timescale rule {self.rule_id!r}; known rules: {', '.join(sorted(RULES))}"


def _index(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    """Read-only mapping id -> Rule, rejecting duplicate ids."""
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            raise ValueError(f"duplicate rule id {rule.id!r}")
        by_id[rule.id] = rule
    return MappingProxyType(by_id)


RULES: Mapping[str, Rule] = _index(RULE_LIST)


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id, or raise :class:`UnknownRule` (a ``KeyError``)."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None
