import pytest

from accounts.permissions import Role

from .factories import take_into_care


@pytest.fixture
def service_manager(make_user):
    return make_user(Role.SERVICE_MANAGER, "service.manager")


@pytest.fixture
def iro(make_user):
    return make_user(Role.IRO, "iro.one", first_name="Irene", last_name="Oduya")


@pytest.fixture
def in_care(child, social_worker):
    return take_into_care(social_worker, child)
