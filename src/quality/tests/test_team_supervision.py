"""Supervision by team: a manager's own teams with their workers by name; performance staff
every team's figures without names; workers neither."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from quality import services
from quality.models import DirectionOutcome
from quality.services import ReviewRow
from quality.team_supervision import team_rows

from .conftest import day


@pytest.fixture
def other_team(make_user):
    team = Team.objects.create(name="Safeguarding Team 2", kind=TeamKind.SAFEGUARDING)
    manager = make_user(Role.TEAM_MANAGER, "other.manager", team=team)
    team.manager = manager
    team.save()
    make_user(Role.SOCIAL_WORKER, "far.worker", first_name="Farah", last_name="Faraway", team=team)
    return team


@pytest.fixture
def supervised(team_manager, social_worker, make_user, child):
    """The team: one worker supervised a week ago with a direction carried over twice; a newly
    qualified worker a month in post and never supervised."""
    newly = make_user(
        Role.SOCIAL_WORKER, "new.worker", first_name="Nia", last_name="New", newly_qualified=True
    )
    newly.date_joined = timezone.now() - timedelta(days=30)
    newly.save()
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-63))
    direction = services.record_case_direction(
        actor=team_manager,
        session=first,
        person=child,
        analysis="Drift.",
        objectives="Parenting assessment started.",
        review_on=day(-35),
    )
    for held, to in ((day(-35), day(-20)), (day(-7), day(-1))):
        services.record_supervision(
            actor=team_manager,
            worker=social_worker,
            held_on=held,
            reviews=[ReviewRow(direction, DirectionOutcome.CARRIED, "Assessor off sick.", to)],
        )
    return newly


def test_team_rows_put_the_overdue_first_with_their_directions(team, social_worker, supervised):
    [row] = team_rows([team], timezone.localdate())
    first, second = row.workers
    assert first.state.worker == supervised and first.state.overdue and first.newly_qualified
    assert second.state.worker == social_worker and not second.state.overdue
    assert (second.open, second.overdue, second.drifting) == (1, 1, 1)
    assert (row.within, row.overdue, row.percent_within, row.total("drifting")) == (1, 1, 50, 1)


def test_a_manager_sees_their_team_by_name_and_not_another(
    client_for, team, team_manager, supervised, other_team
):
    client = client_for(team_manager)
    teams = client.get(reverse("quality:supervision_teams")).content.decode()
    assert team.name in teams and other_team.name not in teams
    page = client.get(reverse("quality:team_supervision", args=[team.pk])).content.decode()
    assert "Nia New" in page and "(newly qualified)" in page and "Overdue by" in page
    assert f"?worker={supervised.pk}" in page
    assert client.get(reverse("quality:team_supervision", args=[other_team.pk])).status_code == 403


def test_performance_staff_see_every_teams_figures_without_names(
    client_for, make_user, team, supervised, other_team
):
    client = client_for(make_user(Role.PERFORMANCE, "perf"))
    page = client.get(reverse("quality:supervision_teams")).content.decode()
    assert team.name in page and other_team.name in page
    assert "1 (50%)" in page
    assert "Nia New" not in page and "Farah" not in page
    figures = client.get(reverse("quality:team_supervision", args=[team.pk])).content.decode()
    assert "1 of 2 workers supervised within the standard" in figures and "1 drifting" in figures
    assert "Nia New" not in figures and "Social Tester" not in figures
    assert client.get(reverse("quality:worker", args=[supervised.pk])).status_code == 403


def test_a_service_manager_sees_every_team_by_name(client_for, make_user, team, supervised, other_team):
    client = client_for(make_user(Role.SERVICE_MANAGER, "service.manager", team=None))
    assert other_team.name in client.get(reverse("quality:supervision_teams")).content.decode()
    assert (
        "Farah Faraway"
        in client.get(reverse("quality:team_supervision", args=[other_team.pk])).content.decode()
    )


def test_workers_do_not_see_supervision_by_team(client_for, social_worker, team):
    client = client_for(social_worker)
    assert client.get(reverse("quality:supervision_teams")).status_code == 403
    assert client.get(reverse("quality:team_supervision", args=[team.pk])).status_code == 403
