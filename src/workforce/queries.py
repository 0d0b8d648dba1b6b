"""Read models for caseloads."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Team, User
from accounts.permissions import Permission, Role
from core.presenters import RESTRICTED_NAME
from core.worklist import WorkItem, children_with_open_work
from people.models import Person

from .models import Allocation, AllocationQuerySet, AllocationRole

# Roles that review the work of others rather than hold a child's casework: their caseload is
# the children they are allocated in that role, and their My work holds only the work items
# for their role (`WorkItem.roles`), not the allocated social worker's.
REVIEWING_ROLES: dict[str, str] = {
    Role.IRO.value: AllocationRole.IRO,
    Role.CP_CHAIR.value: AllocationRole.CP_CHAIR,
}


def _current(on: date | None, role: str | None) -> AllocationQuerySet:
    """The one definition of a caseload: current allocations (in `role`, if given) of children
    whose record is active. Every page showing a caseload or its size reads it."""
    rows = Allocation.objects.current(on).filter(person__record_status="ACTIVE")
    return rows.filter(role=role) if role else rows  # type: ignore[return-value]


def social_workers(on: date | None = None, *, teams: Iterable[Team] | None = None) -> QuerySet[User]:
    """The authority's social workers (of `teams`, if given) on `on` (today if not given), by
    key: accounts in the social worker role that had joined by then and were not yet switched
    off (an account is switched off when its worker has gone, `disabled_as_dormant_at`), so a
    past period's figures still count the workers who have left since. The workers the
    caseload, supervision and workload measures count."""
    on = on or timezone.localdate()
    workers = User.objects.filter(
        Q(is_active=True) | Q(disabled_as_dormant_at__date__gt=on),
        role=Role.SOCIAL_WORKER.value,
        date_joined__date__lte=on,
    )
    if teams is not None:
        workers = workers.filter(team__in=list(teams))
    return workers.order_by("pk")


def teams_for(user: User) -> QuerySet[Team]:
    """The teams a user sees: those they manage or are in; every active team for those with
    the view of all teams."""
    teams = Team.objects.filter(is_active=True).select_related("manager")
    if user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return teams
    return teams.filter(Q(manager=user) | Q(pk=user.team_id))


def caseload_for(worker: User, on: date | None = None, *, role: str | None = None) -> QuerySet[Allocation]:
    """The children a worker is currently allocated (in `role`, if given), oldest allocation
    first."""
    return (
        _current(on, role)
        .for_worker(worker)
        .select_related("person")
        .order_by("start_date", "person__family_name")
    )


def caseload_sizes(role: str, on: date | None = None) -> dict[int, int]:
    """How many children each worker holding `role` is allocated in it (worker id → children):
    the figure of `caseload_for(worker, role=role)`, for every worker at once."""
    rows = _current(on, role).values("worker_id").annotate(children=Count("person", distinct=True))
    return {r["worker_id"]: r["children"] for r in rows}


def own_caseload(user: User, on: date | None = None) -> QuerySet[Allocation]:
    """The caseload on the user's My work: for a reviewing role (an IRO, a child protection
    chair) the children they are allocated in that role, else every child allocated to them."""
    return caseload_for(user, on, role=REVIEWING_ROLES.get(user.role))


def own_work(user: User, items: Iterable[WorkItem]) -> list[WorkItem]:
    """Of these work items, the user's own: for a reviewing role, only the items for it (an
    IRO's reviews, not the social worker's visits); for anyone else, all of them."""
    if user.role in REVIEWING_ROLES:
        return [i for i in items if user.role in i.roles]
    return list(items)


def children_in(caseload: Iterable[Allocation]) -> int:
    """How many children a caseload holds (a child allocated in two roles counts once)."""
    return len({a.person_id for a in caseload})


def team_caseload(team: Team, on: date | None = None) -> QuerySet[Allocation]:
    return (
        Allocation.objects.current(on)
        .for_team(team)
        .filter(person__record_status="ACTIVE")
        .select_related("person", "worker")
        .order_by("worker__last_name", "person__family_name")
    )


def child_names(caseload: Iterable[Allocation], unnamed: Collection[int] = ()) -> dict[int, str]:
    """Each allocated child's name as shown, from a caseload read with its people: the names
    on the caseload's work items (`core.worklist.work_items(..., names=...)`). Children in
    `unnamed` (restricted from the reader) are shown as "Restricted record"."""
    return {
        a.person_id: RESTRICTED_NAME if a.person_id in unnamed else a.person.display_name for a in caseload
    }


def names_of(person_ids: Collection[int], unnamed: Collection[int] = ()) -> dict[int, str]:
    """`child_names` for children read by their ids (none: no query)."""
    if not person_ids:
        return {}
    people = Person.objects.filter(pk__in=list(person_ids))
    return {p.pk: RESTRICTED_NAME if p.pk in unnamed else p.display_name for p in people}


@dataclass(frozen=True)
class WorkerLoad:
    worker: User
    children: int


def team_workers(team: Team, on: date | None = None) -> list[WorkerLoad]:
    on = on or timezone.localdate()
    current = Q(allocations__start_date__lte=on) & (
        Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=on)
    )
    workers = (
        User.objects.filter(team=team, is_active=True)
        .annotate(children=Count("allocations__person", filter=current, distinct=True))
        .order_by("last_name", "first_name")
    )
    return [WorkerLoad(worker=w, children=w.children) for w in workers]  # type: ignore[attr-defined]


def allocation_history(person_id: int) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(person_id=person_id)
        .select_related("worker", "team")
        .order_by("-start_date", "-id")
    )


def current_social_worker(person_id: int) -> Allocation | None:
    return (
        Allocation.objects.current()
        .filter(person_id=person_id, role=AllocationRole.SOCIAL_WORKER)
        .select_related("worker", "team")
        .first()
    )


def unallocated_children(
    today: date | None = None, open_work: Mapping[int, date] | None = None
) -> dict[int, date]:
    """Children with open work in any stage (or in `open_work`, already read) and no current
    allocated social worker, each with the date their oldest open work began, longest
    waiting first."""
    today = today or timezone.localdate()
    if open_work is None:
        open_work = children_with_open_work(today)
    allocated = set(
        Allocation.objects.current(today)
        .filter(role=AllocationRole.SOCIAL_WORKER, person_id__in=list(open_work))
        .values_list("person_id", flat=True)
    )
    waiting = [(since, pk) for pk, since in open_work.items() if pk not in allocated]
    return {pk: since for since, pk in sorted(waiting)}
