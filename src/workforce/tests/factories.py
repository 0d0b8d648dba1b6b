"""Test helpers for every stage: allocations made through the workforce services."""

from datetime import date
from typing import Any

from accounts.models import Team, User
from people.models import Person
from workforce import services
from workforce.models import Allocation, AllocationRole


def allocate(
    manager: User,
    person: Person,
    worker: User,
    team: Team,
    start_date: date = date(2024, 1, 1),
    role: str = AllocationRole.SOCIAL_WORKER,
    **extra: Any,
) -> Allocation:
    """`manager` makes `worker` (in `team`) the child's worker in `role`, their social worker
    unless said, from `start_date`."""
    return services.allocate(
        actor=manager, person=person, worker=worker, team=team, role=role, start_date=start_date, **extra
    )
