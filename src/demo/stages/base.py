"""What every demo stage is given: the run's seed and anchor date, its own random
generators (seeded from the run's seed and the stage's name, so adding a stage never
changes what another produces) and the generated staff and children."""

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from faker import Faker

from accounts.models import User
from accounts.permissions import Role
from people.models import Person
from workforce.models import Allocation, AllocationReason, AllocationRole


@dataclass
class StageContext:
    seed: int
    as_of: date
    stage: str
    progress: Callable[[str], None] = field(default=lambda message: None)
    history_days: int = 0  # 0: each stage's own default span of history
    contact_rate: float = 1.0  # front door contacts a month, relative to the usual rate

    @cached_property
    def rng(self) -> random.Random:
        return random.Random(f"{self.seed}:{self.stage}")

    @cached_property
    def faker(self) -> Faker:
        fake = Faker("en_GB")
        fake.seed_instance(f"{self.seed}:{self.stage}")
        return fake

    @cached_property
    def _staff(self) -> list[User]:
        return list(User.objects.filter(is_active=True).select_related("team").order_by("username"))

    def staff(self, role: Role, team_kind: str | None = None) -> list[User]:
        """Active staff of a role (and team kind), in a stable order."""
        return [
            u
            for u in self._staff
            if u.role == role.value and (team_kind is None or (u.team and u.team.kind == team_kind))
        ]

    def pick_staff(self, role: Role, team_kind: str | None = None) -> User:
        people = self.staff(role, team_kind) or self.staff(role)
        if not people:
            raise LookupError(f"The demo workforce has no {role.value}")
        return self.rng.choice(people)

    def demo_user(self, username: str) -> User:
        return next(u for u in self._staff if u.username == username)

    @cached_property
    def children(self) -> list[Person]:
        """Active child records, in Harbour ID order (stable for a given run)."""
        return list(Person.objects.active().children().order_by("la_child_id"))

    @cached_property
    def _social_workers(self) -> dict[int, int]:
        rows = Allocation.objects.current(self.as_of).filter(role=AllocationRole.SOCIAL_WORKER)
        return dict(rows.values_list("person_id", "worker_id"))

    def social_worker_for(self, person: Person) -> User | None:
        worker_id = self._social_workers.get(person.pk)
        return next((u for u in self._staff if u.pk == worker_id), None) if worker_id else None

    def allocate_social_worker(self, person: Person, worker: User, on: date) -> None:
        """`worker` becomes the child's social worker from `on`, allocated by their team's
        manager through the allocation service: work a stage opens for a child with no worker
        is taken on, not left on nobody's list for years."""
        from workforce import services as workforce

        if Allocation.objects.filter(
            person=person, role=AllocationRole.SOCIAL_WORKER, end_date__gte=on
        ).exists():
            return  # a later worker is already on record: history is not rewritten
        if worker.team is None:
            return
        managers = [u for u in self.staff(Role.TEAM_MANAGER) if u.team_id == worker.team_id] or self.staff(
            Role.TEAM_MANAGER
        )
        workforce.allocate(
            actor=managers[0],
            person=person,
            worker=worker,
            team=worker.team,
            role=AllocationRole.SOCIAL_WORKER,
            start_date=on,
            reason=AllocationReason.FCONTA,
        )
        self._social_workers[person.pk] = worker.pk


def least_loaded(workers: list[User], on: date) -> User:
    """Of `workers`, the one holding fewest children as social worker on `on` (the first in
    the list's order on a tie)."""
    held = Counter(
        Allocation.objects.current(on)
        .filter(role=AllocationRole.SOCIAL_WORKER, worker__in=workers)
        .values_list("worker_id", flat=True)
    )
    return min(workers, key=lambda w: held[w.pk])


# Staff are notified of the sign-off steps (submitted, authorised, returned, signed off) of
# the last fortnight only: what the services would have told them of earlier was read long ago.
NOTIFIED_DAYS = 14


def notified(day: date, today: date) -> bool:
    """Whether a sign-off step on `day` still shows in its recipient's notifications."""
    return day > today - timedelta(days=NOTIFIED_DAYS)


def add_plan_actions(
    add: Callable[..., Any],
    rng: random.Random,
    actor: User,
    plan: Any,
    picks: Iterable[tuple[str, str, str]],
    start: date,
    weeks: tuple[int, int],
    serves: str,
) -> list[Any]:
    """Each picked (what, who, agency) added to `plan` by `actor` through the plan's own
    `add` service, due a random `weeks` (low, high) after `start`."""
    return [
        add(
            actor=actor,
            plan=plan,
            data={
                "what": what,
                "who_person": who,
                "who_agency": agency,
                "by_when": start + timedelta(weeks=rng.randint(*weeks)),
                "serves": serves,
            },
        )
        for what, who, agency in picks
    ]
