from datetime import date

import pytest

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from early_help import services


@pytest.fixture
def eh_worker(make_user):
    team = Team.objects.create(name="Early Help North", kind=TeamKind.EARLY_HELP)
    return make_user(Role.EARLY_HELP, "eh.worker", team=team)


@pytest.fixture
def episode(eh_worker, child):
    return services.start_episode(
        actor=eh_worker,
        person=child,
        start_date=date(2025, 2, 3),
        reason="Parenting support and school attendance",
    )


@pytest.fixture
def screener_user(make_user):
    return make_user(Role.FRONT_DOOR, "fd.viewer", registered_social_worker=True)
