import pytest

from .fakes import fake_returns


@pytest.fixture
def fakes():
    with fake_returns():
        yield


@pytest.fixture
def analyst(make_user):
    from accounts.permissions import Role

    return make_user(Role.PERFORMANCE, "performance.analyst")
