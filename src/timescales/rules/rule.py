"""What a timescale rule is: how long a clock runs, counted in which unit, from what, on
whose authority (see the conventions in `timescales.rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """How a rule's ``amount`` is counted from the clock start."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    WEEKS_BEGINNING_WITH = "weeks_beginning_with"
    MONTHS = "months"
    HOURS = "hours"

    @classmethod
    def parse(cls, value: Unit | str) -> Unit:
        """Accept a Unit, its value (``"working_days"``) or its name (``"WORKING_DAYS"``)."""
        if isinstance(value, Unit):
            return value
        text = str(value).strip()
        for unit in cls:
            if text.lower() in (unit.value, unit.name.lower()):
                return unit
        raise ValueError(f"unknown timescale unit {value!r}")


class Confidence(StrEnum):
    """Confidence grade of a rule, as graded in the timescales reference."""

    HIGH = "H"
    MEDIUM_HIGH = "MH"
    MEDIUM = "M"
    LOW = "L"
    LOCAL = "Local"


@dataclass(frozen=True, slots=True)
class LocalTarget:
    """An authority's own (earlier) target for a rule, e.g. assessments in 35 working days."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if not isinstance(self.unit, Unit):
            raise TypeError(f"unit must be a Unit, got {self.unit!r}; use LocalTarget.parse")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"local target amount must be an int >= 0, got {self.amount!r}")

    @classmethod
    def parse(cls, value: object) -> LocalTarget:
        """Build from a LocalTarget or an ``(amount, unit)`` pair as written in settings."""
        if isinstance(value, LocalTarget):
            return value
        if isinstance(value, (tuple, list)) and len(value) == 2:
            amount, unit = value
            if isinstance(unit, (Unit, str)) and isinstance(amount, int):
                return cls(amount, Unit.parse(unit))
        raise ValueError(f"local target must be (amount, unit), got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One statutory (or nationally expected) timescale."""

    id: str
    description: str
    legal_source: str
    clock_start: str
    unit: Unit
    amount: int
    confidence: Confidence
    reference: str = ""  # row number in the project's timescales reference, e.g. "1.2"
    default_local_target: LocalTarget | None = None

    def __post_init__(self) -> None:
        if not self.id or self.amount < 1:
            raise ValueError(f"rule {self.id!r} needs an id and a positive amount")

    @property
    def in_words(self) -> str:
        """How long the clock runs, as a title says it: "45 working days", "1 working day",
        "72 hours", "26 weeks" (so words written from the table follow the table)."""
        word = _UNIT_WORDS[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"


_UNIT_WORDS = {
    Unit.WORKING_DAYS: "working day",
    Unit.CALENDAR_DAYS: "day",
    Unit.WEEKS: "week",
    Unit.WEEKS_BEGINNING_WITH: "week",
    Unit.MONTHS: "month",
    Unit.HOURS: "hour",
}
