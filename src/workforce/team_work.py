"""What the team page and its lists read: the team's caseload with its overdue work and the
decisions awaiting sign-off, the children waiting for a worker, and each worker's caseload
against the authority's thresholds. Each is read once a page, in a few set-based queries
(never one per child or per worker), so the page stays quick for a big team."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from accounts.models import Team, User
from accounts.permissions import Role
from core.extensions import WeightedLoad, weighted_caseloads
from core.presenters import RESTRICTED_NAME
from core.worklist import SIGN_OFF, WorkItem, open_work_by_stage, visible_to, work_items
from people.access import restricted_from
from people.models import Person

from . import queries
from .models import Allocation, AllocationRole

# The roles whose holders are allocated children (the others never hold a case: they are
# left out of the choice of worker and of the team's caseloads).
CASE_HOLDING_ROLES = frozenset(
    {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.EARLY_HELP, Role.IRO, Role.CP_CHAIR, Role.PARTNER}
)


@dataclass(frozen=True)
class Tally:
    """A count of a summary, with the key its filtered list is asked for by."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class WorkerRow:
    worker: User
    children: int  # the children allocated to them in this team, in any role
    overdue: int  # overdue items of the children they answer for in this team (`worker_of`)
    load: WeightedLoad | None  # weighed against the thresholds, when the authority weighs them

    @property
    def over_threshold(self) -> bool:
        return self.load is not None and self.load.rag != "green"

    @property
    def weighted_text(self) -> str:
        return _number(self.load.weighted) if self.load else "–"

    @property
    def threshold_text(self) -> str:
        return f"{_number(self.load.amber)} to {_number(self.load.red)}" if self.load else "–"


def _number(value: Decimal) -> str:
    """18.00 as "18", 16.50 as "16.5"."""
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


@dataclass
class TeamWork:
    """A team's caseload and its work as one reader may see it, on one day."""

    team: Team
    today: date
    caseload: list[Allocation]
    restricted: set[int]  # children the reader may not open: shown as "Restricted record"
    items: list[WorkItem]
    worker_of: dict[int, int]  # child → the worker answering for them in this team

    @property
    def overdue(self) -> list[WorkItem]:
        return [i for i in self.items if i.is_overdue(self.today) and i.kind != SIGN_OFF]

    @property
    def sign_offs(self) -> list[WorkItem]:
        return [i for i in self.items if i.kind == SIGN_OFF]

    def by_kind(self, items: list[WorkItem]) -> list[Tally]:
        return _tally(items, lambda i: i.rule_id, _kind_labels(items))

    def by_worker(self, items: Iterable[WorkItem], workers: Iterable[User]) -> list[Tally]:
        names = {w.pk: w.display_name for w in workers}
        names.update({a.worker_id: a.worker.display_name for a in self.caseload})
        return _tally(
            items, lambda i: str(self.worker_of.get(i.person_id, "")), {str(k): v for k, v in names.items()}
        )

    def caseload_by_worker(self) -> list[Tally]:
        """How many of the team's children each worker is allocated, most first."""
        names = {str(a.worker_id): a.worker.display_name for a in self.caseload}
        pairs = {(a.worker_id, a.person_id) for a in self.caseload}
        return _tally(pairs, lambda pair: str(pair[0]), names)

    def filtered(self, items: Iterable[WorkItem], *, kind: str = "", worker: str = "") -> list[WorkItem]:
        return [
            i
            for i in items
            if (not kind or i.rule_id == kind)
            and (not worker or str(self.worker_of.get(i.person_id)) == worker)
        ]


def _tally(items: Iterable[Any], key_of: Any, labels: dict[str, str]) -> list[Tally]:
    counts = Counter(key_of(i) for i in items)
    return sorted(
        (Tally(key, labels.get(key, "No worker"), n) for key, n in counts.items()),
        key=lambda t: (-t.count, t.label),
    )


# Kinds whose items' titles name their own detail (whose action it is), named as a kind.
KIND_NAMES = {
    "quality_action": "Actions from supervision, oversight or audit",
    "plan_action": "Plan actions",
}


def _kind_labels(items: list[WorkItem]) -> dict[str, str]:
    """Each kind of item (its rule) named as most of its items are, without any detail after
    a colon (a plan action's own words)."""
    named: dict[str, Counter[str]] = {rule: Counter({name: 1}) for rule, name in KIND_NAMES.items()}
    for i in items:
        if i.rule_id not in KIND_NAMES:
            named.setdefault(i.rule_id, Counter())[i.title.split(":")[0]] += 1
    return {rule: titles.most_common(1)[0][0] for rule, titles in named.items()}


# What the team's pages show of each allocated child and worker (the rest is not read).
_SHOWN = (
    *(f"person__{name}" for name in Person.DISPLAY_NAME_FIELDS),
    "person__date_of_birth",
    "person__la_child_id",
    *(f"worker__{name}" for name in ("username", "first_name", "last_name", "role", "job_title")),
    *(f"worker__{name}" for name in ("registered_social_worker", "newly_qualified", "agency_worker")),
    *("worker__team_id", "worker__date_joined", "worker__is_active"),
    *("person_id", "worker_id", "team_id", "role", "start_date", "end_date"),
)


def team_work(user: User, team: Team, today: date, *, with_items: bool = True) -> TeamWork:
    """The team's current caseload and every item of its children's work this user may act
    on (the providers read once for the whole team; not at all without `with_items`)."""
    caseload = list(queries.team_caseload(team, today).only(*_SHOWN))
    restricted = restricted_from(user, {a.person_id for a in caseload})
    names = queries.child_names(caseload, restricted)
    items = (
        visible_to(user, work_items(set(names), today, names=names, unnamed=restricted)) if with_items else []
    )
    worker_of: dict[int, int] = {}
    for a in sorted(caseload, key=lambda a: a.role != AllocationRole.SOCIAL_WORKER):
        worker_of.setdefault(a.person_id, a.worker_id)
    return TeamWork(team, today, caseload, restricted, items, worker_of)


def case_holders(team: Team) -> list[User]:
    return list(
        User.objects.filter(
            team=team, is_active=True, role__in=[r.value for r in CASE_HOLDING_ROLES]
        ).order_by("last_name", "first_name")
    )


def worker_rows(work: TeamWork) -> list[WorkerRow]:
    """Each of the team's case-holding workers (and anyone else allocated the team's
    children), with the children they hold here, their overdue work and their weighed caseload."""
    workers = {w.pk: w for w in case_holders(work.team)}
    for a in work.caseload:
        workers.setdefault(a.worker_id, a.worker)
    children = Counter(w for w, _ in {(a.worker_id, a.person_id) for a in work.caseload})
    overdue = Counter(work.worker_of.get(i.person_id) for i in work.overdue)
    loads = weighted_caseloads(workers.values(), work.today)
    rows = [WorkerRow(w, children[pk], overdue[pk], loads.get(pk)) for pk, w in workers.items()]
    return sorted(rows, key=lambda r: (r.worker.last_name, r.worker.first_name))


@dataclass(frozen=True)
class Waiting:
    """A child with open work and no allocated social worker."""

    person_id: int
    name: str
    restricted: bool
    date_of_birth: date | None
    open_work: list[str]  # the stages the work is open in
    since: date
    days_waiting: int


@dataclass(frozen=True)
class WaitingList:
    """Children with open work in any stage and no current social worker (all teams),
    longest waiting first: each child's stages and since when, read for all of them; names
    and ages read only for the rows a page shows (`rows`)."""

    user: User
    today: date
    stages: dict[int, dict[str, date]]
    since: dict[int, date]  # longest waiting first

    def __len__(self) -> int:
        return len(self.since)

    def __getitem__(self, index: slice) -> list[Waiting]:
        """The waiting children of this slice, named (or masked) with their ages."""
        return self.rows(list(self.since)[index])

    def rows(self, person_ids: list[int]) -> list[Waiting]:
        people = Person.objects.filter(pk__in=person_ids).only(*Person.DISPLAY_NAME_FIELDS, "date_of_birth")
        found = {p.pk: p for p in people}
        restricted = restricted_from(self.user, person_ids)
        rows = []
        for pk in person_ids:
            person, hidden, since = found[pk], pk in restricted, self.since[pk]
            rows.append(
                Waiting(
                    person_id=pk,
                    name=RESTRICTED_NAME if hidden else person.display_name,
                    restricted=hidden,
                    date_of_birth=None if hidden else person.date_of_birth,
                    open_work=sorted(self.stages[pk]),
                    since=since,
                    days_waiting=(self.today - since).days,
                )
            )
        return rows


def waiting_children(user: User, today: date) -> WaitingList:
    """Children with open work in any stage and no current social worker (all teams), longest
    waiting first; those the reader may not open are shown as "Restricted record"."""
    stages = open_work_by_stage(today)
    waiting = queries.unallocated_children(today, open_work={pk: min(s.values()) for pk, s in stages.items()})
    live = set(Person.objects.active().filter(pk__in=list(waiting)).values_list("pk", flat=True))
    return WaitingList(user, today, stages, {pk: since for pk, since in waiting.items() if pk in live})
