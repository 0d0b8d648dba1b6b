"""Shared fixtures: one user per role, a client signed in as each, and a child."""

import pytest

from accounts.models import Team, TeamKind, User
from accounts.permissions import Role


@pytest.fixture
def team(db):
    return Team.objects.create(name="Assessment Team 1", kind=TeamKind.ASSESSMENT)


@pytest.fixture
def make_user(db, team):
    def make(role: Role | str, username: str | None = None, **extra) -> User:
        role = Role(role)
        return User.objects.create_user(
            username=username or f"{role.value}.{User.objects.count() + 1}",
            password="harbour-test-password",  # noqa: S106
            first_name=extra.pop("first_name", role.label.split()[0]),
            last_name=extra.pop("last_name", "Tester"),
            role=role.value,
            team=extra.pop("team", team),
            **extra,
        )

    return make


@pytest.fixture
def social_worker(make_user):
    return make_user(Role.SOCIAL_WORKER, "social.worker", registered_social_worker=True)


@pytest.fixture
def team_manager(make_user, team):
    user = make_user(Role.TEAM_MANAGER, "team.manager", registered_social_worker=True)
    team.manager = user
    team.save()
    return user


@pytest.fixture
def auditor_user(make_user):
    return make_user(Role.AUDITOR, "auditor")


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, "admin")


@pytest.fixture
def child(db, social_worker):
    from people import services

    return services.create_person(
        actor=social_worker,
        data={
            "record_type": "CHILD",
            "given_name": "Amelia",
            "family_name": "Hughes",
            "date_of_birth": __import__("datetime").date(2015, 3, 27),
            "sex": "F",
            "ethnicity": "WBRI",
        },
    )


@pytest.fixture
def client_for(client):
    def signed_in(user: User):
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def told(monkeypatch, django_capture_on_commit_callbacks):
    """`told(call)` runs `call` (a service) and commits: (what it returned, the people whose
    records it said changed with core.extensions.changed)."""

    def run(call):
        people: set[int] = set()
        monkeypatch.setattr("core.extensions.record_changed", people.update)
        with django_capture_on_commit_callbacks(execute=True):
            result = call()
        return result, people

    return run
