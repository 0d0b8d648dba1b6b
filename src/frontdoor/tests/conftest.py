from datetime import datetime

import pytest
from django.utils import timezone

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from frontdoor import services


@pytest.fixture
def fd_team(db):
    return Team.objects.create(name="Front Door", kind=TeamKind.FRONT_DOOR)


@pytest.fixture
def screener(make_user, fd_team):
    return make_user(Role.FRONT_DOOR, "front.screener", team=fd_team, registered_social_worker=True)


@pytest.fixture
def fd_manager(make_user, fd_team):
    user = make_user(Role.TEAM_MANAGER, "front.manager", team=fd_team, registered_social_worker=True)
    fd_team.manager = user
    fd_team.save()
    return user


def at(y, m, d, hh=10, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


@pytest.fixture
def make_contact(screener, child):
    def make(received_at=None, children=None, actor=None, **extra):
        return services.record_contact(
            actor=actor or screener,
            received_at=received_at or at(2025, 3, 3),
            channel=extra.pop("channel", "PHONE"),
            source=extra.pop("source", "2A"),
            concern=extra.pop("concern", "Child came to school hungry and with bruising."),
            consent=extra.pop("consent", "GIVEN"),
            children=[child] if children is None else children,
            referrer_name="Ms Head",
            referrer_agency="Primary school",
            **extra,
        )

    return make
