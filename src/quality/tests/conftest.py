from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.permissions import Role
from quality import services
from workforce.tests.factories import allocate


@pytest.fixture
def allocated(child, social_worker, team_manager, team):
    allocate(team_manager, child, social_worker, team, day(-200))
    return child


@pytest.fixture
def session(team_manager, social_worker):
    return services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=timezone.localdate() - timedelta(days=3),
        reflective="Sam feels the Hughes case is weighing on them.",
        wellbeing="Taking leave next month.",
    )


@pytest.fixture
def other_worker(make_user):
    return make_user(Role.SOCIAL_WORKER, "other.worker", first_name="Olu", last_name="Other")


def day(n: int) -> date:
    """`n` days from today."""
    return timezone.localdate() + timedelta(days=n)
