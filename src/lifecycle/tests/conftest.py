"""The people of the retention tests: who proposes an erasure, who approves it, and a record
long past retention."""

from datetime import date

import pytest

from accounts.permissions import Role
from people.tests.factories import make_person


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.PERFORMANCE, "analyst")


@pytest.fixture
def approver(make_user):
    return make_user(Role.ADMIN, "records.admin")


@pytest.fixture
def old_child(social_worker):
    return make_person(
        social_worker, "Old", "Record", sex="M", date_of_birth=date(1980, 1, 1), ethnicity="WBRI"
    )


@pytest.fixture(autouse=True)
def erasure_register(settings, tmp_path):
    """Each test's own erasure register (a file outside the database)."""
    settings.HARBOUR_ERASURE_REGISTER = str(tmp_path / "var" / "erasure-register.jsonl")
    return tmp_path / "var" / "erasure-register.jsonl"
