"""Shared fixtures: one user per role, a client signed in as each, and a child; and, for
every test, the check that each audited change to a person's record was also told to the
`on_change` listeners (`core.extensions.changed`)."""

from functools import partial

import pytest
from tests.makers import new_child, new_social_worker, new_team, new_team_manager, new_user

from accounts.models import User
from accounts.permissions import Role


@pytest.fixture
def team(db):
    return new_team()


@pytest.fixture
def make_user(db, team):
    def make(role: Role | str, username: str | None = None, **extra) -> User:
        role = Role(role)
        return new_user(
            role, username or f"{role.value}.{User.objects.count() + 1}", extra.pop("team", team), **extra
        )

    return make


@pytest.fixture
def social_worker(db, team):
    return new_social_worker(team)


@pytest.fixture
def team_manager(db, team):
    return new_team_manager(team)


@pytest.fixture
def auditor_user(make_user):
    return make_user(Role.AUDITOR, "auditor")


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, "admin")


@pytest.fixture
def child(db, social_worker):
    return new_child(social_worker)


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


class _Telling:
    """Stands in for `django.db.transaction` inside core.extensions: notes whose records
    `changed` was told about, then schedules as usual."""

    def __init__(self, real, people: set[int]) -> None:
        self._real = real
        self._people = people

    def on_commit(self, func, *args, **kwargs):
        import core.extensions

        # `changed` schedules `partial(record_changed, ids)`; a test may have put its own
        # listener in `record_changed`'s place (the `told` fixture), so compare with what is there now.
        if isinstance(func, partial) and func.func is core.extensions.record_changed:
            self._people.update(func.args[0])
        return self._real.on_commit(func, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._real, name)


@pytest.fixture(autouse=True)
def _every_audited_change_is_told(request, monkeypatch):
    """A service that changes a person's record (an audited CREATE, UPDATE or MERGE naming
    them) must say so with `core.extensions.changed`: checked after every test that used
    the database. A test that writes audit rows by hand is marked `audit_rows_by_hand`."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db or request.node.get_closest_marker("audit_rows_by_hand"):
        yield
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from django.db import connection, transaction

    from audit.models import AuditAction, AuditEvent

    told: set[int] = set()
    monkeypatch.setattr("core.extensions.transaction", _Telling(transaction, told))
    first = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    if connection.closed_in_transaction:
        return  # the test ran a command that closed the connection, and its transaction with it
    audited = set(
        AuditEvent.objects.filter(
            id__gt=first,
            action__in=[AuditAction.CREATE, AuditAction.UPDATE, AuditAction.MERGE],
            person_id__isnull=False,
        ).values_list("person_id", flat=True)
    )
    untold = audited - told
    assert not untold, f"Changed records not told with core.extensions.changed: {sorted(untold)[:10]}"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under `-n`, the tests that take longest go first in their group (`tests/scheduling.py`)."""
    if config.getoption("numprocesses", None) or hasattr(config, "workerinput"):
        from tests.scheduling import django_group, order

        items[:] = order(items, django_group)


def pytest_xdist_make_scheduler(config, log):
    """`-n` with `--dist load` (the default): tests are handed out as `tests/scheduling.py`
    says, so a module's generated borough is made once."""
    if config.getvalue("dist") != "load":
        return None
    from tests.scheduling import WholeModuleScheduling

    return WholeModuleScheduling(config, log)
