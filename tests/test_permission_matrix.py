"""THE permission matrix: every URL in the project, tried as every role.

Each view declares the one permission it needs (`accounts.decorators`); which roles
hold which permission is `ROLE_PERMISSIONS`. This test walks the URL resolver, so a new
page is covered the moment it is routed, and checks that what each role gets matches
the table: allowed roles are never refused (403), every other role always is, and
anonymous users are sent to sign in.

Record-level rules (restricted records, partner agencies' involvement) are layered on
top by the access door and tested in `people/tests/test_access.py`; here the partner
user is allocated to the child so only the role table decides.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.permissions import ROLE_PERMISSIONS, Permission, Role
from core.http import AUTHENTICATED, PUBLIC
from people.models import Person
from tests.makers import new_child, new_social_worker, new_team, new_team_manager, new_user
from workforce import services as workforce
from workforce.models import AllocationRole

from .urlwalk import KNOWN_KWARGS, Endpoint, walk_urls

SIGN_IN = "/accounts/sign-in/"
MISSING_ID = 999_999


ENDPOINTS = walk_urls()
NON_PUBLIC = [e for e in ENDPOINTS if e.required != PUBLIC]


def test_url_walk_finds_the_projects_pages():
    names = {e.name for e in ENDPOINTS}
    assert {"home", "people:detail", "people:search", "audit:person", "workforce:team"} <= names
    assert {"casework:sar_extend", "casework:generate_document"} <= names
    assert len(names) == len(ENDPOINTS), "two URL patterns share a name"


def test_every_view_declares_its_required_permission():
    missing = [f"{e.name} (/{e.route})" for e in ENDPOINTS if e.required is None]
    assert not missing, "Views without @requires/@public/@authenticated: " + ", ".join(missing)


def test_every_declared_permission_is_a_known_permission_or_marker():
    unknown = [
        e.name
        for e in ENDPOINTS
        if e.required not in (PUBLIC, AUTHENTICATED) and e.required not in set(Permission)
    ]
    assert not unknown


@dataclass(frozen=True)
class World:
    """What every cell of the matrix reads: a team with its manager, a child allocated to a
    social worker, and one user of every role (the partner allocated to the child, so only
    the role table decides)."""

    team: Team
    child: Person
    users: dict[Role, User]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Made once for the module, in a transaction rolled back after its last test: about
    three thousand cells only read it, and whatever a request writes is rolled back with the
    test's own savepoint (`db`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        team = new_team()
        manager = new_team_manager(team)
        child = new_child(new_social_worker(team))
        users = {role: new_user(role, f"matrix.{role.value}", team) for role in Role}
        workforce.allocate(
            actor=manager,
            person=child,
            worker=users[Role.PARTNER],
            team=team,
            role=AllocationRole.PARTNER,
            start_date=timezone.localdate(),
        )
        yield World(team=team, child=child, users=users)
        transaction.set_rollback(True)


def _path(world: World, endpoint: Endpoint, user: User | None) -> str:
    """The endpoint's path with valid arguments for `user` (own pk for user_id)."""
    values = {"person_id": world.child.pk, "team_id": world.team.pk, "user_id": user.pk if user else 1}
    # An argument the matrix cannot build points at no object: the page may answer 404,
    # but the role check (which runs first) must still refuse the roles without access.
    values.update({k: MISSING_ID for k in endpoint.kwargs if k not in values})
    query = {"audit:find_person": f"?la_child_id={world.child.la_child_id}"}.get(endpoint.name, "")
    return endpoint.path(values) + query


def _role_may(role: Role, endpoint: Endpoint) -> bool:
    if endpoint.required in (PUBLIC, AUTHENTICATED):
        return True
    return Permission(endpoint.required) in ROLE_PERMISSIONS[role]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_role_gets_what_the_permission_table_says(world, db, client, endpoint, role):
    user = world.users[role]
    client.force_login(user)
    url = _path(world, endpoint, user)

    response = client.get(url)

    if _role_may(role, endpoint):
        assert response.status_code != 403, f"{role} refused {url} but holds {endpoint.required}"
        acceptable = {200, 302, 400, 405} | ({404} if set(endpoint.kwargs) - KNOWN_KWARGS else set())
        assert response.status_code in acceptable, f"{role} got {response.status_code} for {url}"
        if response.status_code == 405:  # a POST-only view: it must let the role post
            response = client.post(url, {})
            assert response.status_code not in (403, 405), f"{role} refused POST {url}"
    else:
        assert response.status_code == 403, f"{role} got {response.status_code} for {url}"
        assert client.post(url, {}).status_code == 403, f"{role} allowed to POST {url}"


@pytest.mark.parametrize("endpoint", NON_PUBLIC, ids=str)
def test_anonymous_user_is_sent_to_sign_in_when_page_not_public(world, db, client, endpoint):
    url = _path(world, endpoint, None)

    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302
        assert response.url.startswith(f"{SIGN_IN}?next=/")


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.required == PUBLIC], ids=str)
def test_anonymous_user_may_see_page_when_public(world, db, client, endpoint):
    response = client.get(_path(world, endpoint, None))

    assert response.status_code == 200


def test_url_walk_finds_the_user_account_pages():
    """Administrators' user accounts (two-factor reset, unlock, council sign-in): walked for
    every role above."""
    names = {e.name for e in ENDPOINTS}
    assert {
        "accounts:users",
        "accounts:user",
        "accounts:reset_two_factor",
        "accounts:unlock",
        "accounts:unbind",
    } <= names


def test_url_walk_finds_the_returns_pages():
    names = {e.name for e in ENDPOINTS}
    assert {
        "returns:exports",
        "returns:request_export",
        "returns:runs",
        "returns:download",
        "returns:data_quality",
        "returns:validate_now",
    } <= names
