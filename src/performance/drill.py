"""Who a figure's rows belong to, and who may see which: each row of a child is attributed to
the team and social worker allocated to the child on the row's date (else the latest
allocation before it; else "Unallocated"); each row of a worker (an indicator whose subject
is workers) to the worker and their team; each row of a team's establishment to the team. A user sees everyone's rows (all teams), their
team's (team work) or their own. Restricted children are counted but named only to those who
may open their record (`people.access`); the drill-down of an indicator of workers lists the
workers, not children."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from accounts.models import Team, User
from accounts.permissions import Permission
from people.access import openable_ids
from people.models import Person
from workforce.models import Allocation, AllocationRole

from .catalogue import Figure, Indicator, Item, Subject, figure_from
from .periods import Period

UNALLOCATED = 0  # the team or worker key of rows with no allocated social worker


class Row(NamedTuple):
    """A row behind a figure with the team and worker it is attributed to (a named tuple:
    there is one for every row of a large authority)."""

    item: Item
    team_id: int
    worker_id: int


def _spells(people: Iterable[int]) -> dict[int, list[tuple]]:
    """The children's social worker allocations, oldest first: one query."""
    spells: dict[int, list[tuple]] = defaultdict(list)
    for spell in (
        Allocation.objects.filter(person_id__in=set(people), role=AllocationRole.SOCIAL_WORKER)
        .order_by("start_date", "id")
        .values_list("person_id", "start_date", "end_date", "team_id", "worker_id")
    ):
        spells[spell[0]].append(spell[1:])
    return spells


def _attributed(items: Sequence[Item], spells: dict[int, list[tuple]]) -> list[Row]:
    rows = []
    for item in items:
        team = worker = UNALLOCATED
        for start, end, team_id, worker_id in spells.get(item.subject_id, []):
            if start <= item.on:
                team, worker = team_id, worker_id
                if end is None or end >= item.on:
                    break
        rows.append(Row(item, team, worker))
    return rows


def attribute(items: Sequence[Item], subject: Subject = Subject.CHILD) -> list[Row]:
    """Each row with its team and worker: one query for the children's allocations (or, for
    rows of workers, for the workers' teams)."""
    if subject == Subject.TEAM:
        return [Row(i, i.subject_id, UNALLOCATED) for i in items]
    if subject == Subject.WORKER:
        teams = dict(User.objects.filter(pk__in={i.subject_id for i in items}).values_list("pk", "team_id"))
        return [Row(i, teams.get(i.subject_id) or UNALLOCATED, i.subject_id) for i in items]
    return _attributed(items, _spells(i.subject_id for i in items))


def attribute_all(
    read: dict[object, list[list[Item]]], subjects: dict[object, Subject] | None = None
) -> dict[object, list[list[Row]]]:
    """`attribute` for many lists of rows at once (every indicator, every period), each key's
    rows of its `subjects` entry (children when not given): one query for all the children's
    allocations, and one for each list of workers' rows."""
    subjects = subjects or {}
    of_children = [key for key in read if subjects.get(key, Subject.CHILD) == Subject.CHILD]
    spells = _spells(i.subject_id for key in of_children for found in read[key] for i in found)
    return {
        key: [
            _attributed(found, spells)
            if subjects.get(key, Subject.CHILD) == Subject.CHILD
            else attribute(found, subjects[key])
            for found in lists
        ]
        for key, lists in read.items()
    }


@dataclass(frozen=True)
class Scope:
    everyone: bool = False
    team_id: int | None = None
    worker_id: int | None = None

    def keeps(self, row: Row) -> bool:
        if self.everyone:
            return True
        if self.team_id is not None:
            return row.team_id == self.team_id
        return row.worker_id == self.worker_id

    @property
    def label(self) -> str:
        if self.everyone:
            return "the authority"
        return "your team" if self.team_id is not None else "your children"


def keeping(scope: Scope) -> Callable[[Indicator, list[Item]], list[Item]]:
    """Of an indicator's rows, those in the scope (for `figures.monthly`)."""
    return lambda indicator, items: [r.item for r in attribute(items, indicator.subject) if scope.keeps(r)]


def scope_for(user: User) -> Scope:
    if user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return Scope(everyone=True)
    if user.has_perm(Permission.VIEW_TEAM_WORK.value) and user.team_id:  # type: ignore[attr-defined]
        return Scope(team_id=user.team_id)  # type: ignore[attr-defined]
    return Scope(worker_id=user.pk)


def may_see_team(scope: Scope, team_id: int) -> bool:
    return scope.everyone or scope.team_id == team_id


def may_see_worker(scope: Scope, rows: Iterable[Row], worker_id: int) -> bool:
    if scope.everyone or scope.worker_id == worker_id:
        return True
    return scope.team_id is not None and any(
        r.worker_id == worker_id and r.team_id == scope.team_id for r in rows
    )


@dataclass(frozen=True)
class Group:
    key: int
    name: str
    figure: Figure


def _figure(indicator: Indicator, period: Period, rows: Sequence[Row], population: int | None) -> Figure:
    return figure_from(indicator, period, [r.item for r in rows], population)


def scoped(
    indicator: Indicator, period: Period, rows: Sequence[Row], scope: Scope, population: int | None
) -> Figure:
    kept = rows if scope.everyone else [r for r in rows if scope.keeps(r)]
    return _figure(indicator, period, kept, population)


def by_team(indicator: Indicator, period: Period, rows: Sequence[Row], population: int | None) -> list[Group]:
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.team_id].append(row)
    names = dict(Team.objects.filter(pk__in=grouped).values_list("pk", "name"))
    return sorted(
        (
            Group(key, names.get(key, "Unallocated"), _figure(indicator, period, found, population))
            for key, found in grouped.items()
        ),
        key=lambda g: (g.key == UNALLOCATED, g.name),
    )


def by_worker(
    indicator: Indicator, period: Period, rows: Sequence[Row], population: int | None
) -> list[Group]:
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.worker_id].append(row)
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=grouped)}
    return sorted(
        (
            Group(key, names.get(key, "Unallocated"), _figure(indicator, period, found, population))
            for key, found in grouped.items()
        ),
        key=lambda g: (g.key == UNALLOCATED, g.name),
    )


@dataclass(frozen=True)
class ChildRow:
    person_id: int | None  # None when the user may not open the record
    la_child_id: str
    name: str
    what: str
    on: object
    hit: bool
    days: int | None


def children(user: User, rows: Sequence[Row]) -> list[ChildRow]:
    """The rows behind a figure, naming only children whose record the user may open."""
    ids = list({r.item.subject_id for r in rows})
    allowed = openable_ids(user, ids)
    people = {
        p["pk"]: p
        for p in Person.objects.filter(pk__in=ids).values("pk", "la_child_id", "given_name", "family_name")
    }
    out = []
    for row in sorted(rows, key=lambda r: (str(people[r.item.subject_id]["la_child_id"]), str(r.item.on))):
        person = people[row.item.subject_id]
        named = row.item.subject_id in allowed
        out.append(
            ChildRow(
                person_id=row.item.subject_id if named else None,
                la_child_id=str(person["la_child_id"]) if named else "Restricted record",
                name=" ".join(p for p in (person["given_name"], person["family_name"]) if p) if named else "",
                what=row.item.what,
                on=row.item.on,
                hit=row.item.hit,
                days=row.item.days,
            )
        )
    return out


@dataclass(frozen=True)
class StaffRow:
    """A row of an indicator of workers or of teams: the worker (or the team) and their team."""

    name: str
    team: str
    what: str
    on: object
    hit: bool
    value: Decimal | None


def staff_rows(subject: Subject, rows: Sequence[Row]) -> list[StaffRow]:
    """The rows behind a figure of workers (each worker named with their team) or of teams, by
    team and name; the scope has already kept only the rows the user may see."""
    if subject == Subject.TEAM:
        names = dict(Team.objects.filter(pk__in={r.team_id for r in rows}).values_list("pk", "name"))
        return sorted(
            (
                StaffRow(names[r.team_id], names[r.team_id], r.item.what, r.item.on, r.item.hit, r.item.value)
                for r in rows
            ),
            key=lambda s: s.team,
        )
    users = {
        u.pk: u for u in User.objects.filter(pk__in={r.item.subject_id for r in rows}).select_related("team")
    }
    out = []
    for row in rows:
        user = users[row.item.subject_id]
        out.append(
            StaffRow(
                user.display_name,
                user.team.name if user.team else "No team",
                row.item.what,
                row.item.on,
                row.item.hit,
                row.item.value,
            )
        )
    return sorted(out, key=lambda w: (w.team, w.name))


def headline_value(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:,}"
