"""A synthetic family as plain values: what the generator writes about one household.

A `FamilySpec` holds its people in the order they are created, each person's addresses
(oldest first), the relationships between them, and the odd alert or immigration status.
`demo.population.FamilyFactory` makes them; nothing here touches the database.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from people.services import NewAddress


class FamilyKind(StrEnum):
    HOUSEHOLD = "household"
    CARE_LEAVER = "care_leaver"
    UASC = "uasc"


@dataclass
class PersonSpec:
    data: dict[str, Any]
    addresses: list[NewAddress] = field(default_factory=list)
    disabilities: tuple[str, ...] = ()
    father: int | None = None  # which of the family's fathers (0, 1): half-siblings differ

    @property
    def is_child(self) -> bool:
        return bool(self.data["record_type"] == "CHILD")

    @property
    def born(self) -> date | None:
        value: date | None = self.data.get("date_of_birth")
        return value


@dataclass(frozen=True)
class RelationshipSpec:
    a: int
    b: int
    type: str
    parental_responsibility: bool = False
    lives_with: bool = False
    start_date: date | None = None


@dataclass(frozen=True)
class AlertSpec:
    member: int
    kind: str
    details: str
    start_date: date


@dataclass(frozen=True)
class StatusSpec:
    member: int
    status: str
    start_date: date


@dataclass
class FamilySpec:
    kind: FamilyKind
    members: list[PersonSpec] = field(default_factory=list)
    relationships: list[RelationshipSpec] = field(default_factory=list)
    alerts: list[AlertSpec] = field(default_factory=list)
    statuses: list[StatusSpec] = field(default_factory=list)

    def add(self, person: PersonSpec) -> int:
        self.members.append(person)
        return len(self.members) - 1

    def relate(self, a: int, b: int, type_: str, **extra: Any) -> None:
        self.relationships.append(RelationshipSpec(a=a, b=b, type=type_, **extra))

    @property
    def children(self) -> list[int]:
        return [i for i, m in enumerate(self.members) if m.is_child]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return date(day.year - years, 2, 28)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
