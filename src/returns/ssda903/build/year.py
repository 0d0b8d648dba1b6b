"""One collection year's SSDA903 return while it is built: the year, the children in it and
what the tables already built tell the next ones (each table is built by a function of this
state, in `build.STEPS` order)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import Q

from people.models import ImmigrationStatus, Person

from ...base import Gap, Table
from .. import codes as c

Row = Mapping[str, Any]
SHORT_BREAKS = frozenset({"V3", "V4"})


class YearBuild:
    """The state the table functions share. `cohort` (the children with an episode in the
    year, as a subquery), `episode_rows` and `episode_children` are set by the episodes,
    `oc3_children` by the care leavers' table."""

    cohort: Any
    episode_rows: Sequence[Row]
    oc3_children: set[int]

    def __init__(self, year: int, person_ids: set[int] | None) -> None:
        self.year = year
        self.start, self.end = c.collection_period(year)
        self.only = person_ids
        self.tables = {name: Table(name, c.TABLE_COLUMNS[name]) for name in c.tables_for(year)}
        self.people: dict[int, Row] = {}
        self.episode_children: set[int] = set()
        self.gaps: list[Gap] = []

    def scope(self, field: str = "person_id") -> Q:
        return Q(**{f"{field}__in": self.only}) if self.only is not None else Q()

    def dob(self, pk: int) -> str:
        """DOB; blank when not recorded (the validator's rule 102 then asks for it)."""
        dob = self.people[pk]["date_of_birth"]
        return c.fmt(dob) if isinstance(dob, date) else ""

    def child(self, pk: int) -> str:
        return str(self.people[pk]["la_child_id"])

    def load_people(self, pks: Any) -> None:
        if isinstance(pks, set):
            pks = pks - set(self.people)
            if not pks:
                return
        for p in Person.objects.filter(pk__in=pks).values(
            "id", "la_child_id", "sex", "date_of_birth", "ethnicity", "upn", "upn_unknown_reason"
        ):
            self.people[p["id"]] = p

    def uasc_statuses(self) -> dict[int, Row]:
        """Children recorded as UASC at some time on or before 31 March, latest status each."""
        found: dict[int, Row] = {}
        for s in (
            ImmigrationStatus.objects.filter(
                person_id__in=self.cohort, status="UASC", start_date__lte=self.end
            )
            .order_by("start_date", "id")
            .values("id", "person_id", "start_date", "end_date")
        ):
            found[s["person_id"]] = s
        return found
