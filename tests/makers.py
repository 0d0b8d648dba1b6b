"""The tests' users and child, made the same way by the function-scoped fixtures of the root
`conftest.py` and by fixtures of a wider scope (a module's shared set-up)."""

from datetime import date

from accounts.models import Team, TeamKind, User
from accounts.permissions import Role
from people.models import Person


def new_team() -> Team:
    """The tests' team, Assessment Team 1."""
    return Team.objects.create(name="Assessment Team 1", kind=TeamKind.ASSESSMENT)


def new_user(role: Role | str, username: str, team: Team, **extra) -> User:
    """A user of `role` in `team`, signed in with the tests' password: what `make_user`
    makes, for fixtures of a wider scope."""
    role = Role(role)
    return User.objects.create_user(
        username=username,
        password="harbour-test-password",  # noqa: S106
        first_name=extra.pop("first_name", role.label.split()[0]),
        last_name=extra.pop("last_name", "Tester"),
        role=role.value,
        team=team,
        **extra,
    )


def new_child(actor: User) -> Person:
    """The tests' child, Amelia Hughes, recorded by `actor` through the people service."""
    from people import services

    return services.create_person(
        actor=actor,
        data={
            "record_type": "CHILD",
            "given_name": "Amelia",
            "family_name": "Hughes",
            "date_of_birth": date(2015, 3, 27),
            "sex": "F",
            "ethnicity": "WBRI",
        },
    )


def new_social_worker(team: Team) -> User:
    """The tests' registered social worker, `social.worker`, in `team`."""
    return new_user(Role.SOCIAL_WORKER, "social.worker", team, registered_social_worker=True)


def new_team_manager(team: Team) -> User:
    """The tests' team manager, `team.manager`, recorded as `team`'s manager."""
    user = new_user(Role.TEAM_MANAGER, "team.manager", team, registered_social_worker=True)
    team.manager = user
    team.save()
    return user
