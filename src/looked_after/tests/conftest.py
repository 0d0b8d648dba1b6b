from datetime import date

import pytest

from accounts.permissions import Role
from looked_after import services
from looked_after.services import PlacementDetails


def foster(name: str = "Mr and Mrs Okafor", **extra) -> PlacementDetails:
    return PlacementDetails(
        placement_type=extra.pop("placement_type", "U6"),
        provider=extra.pop("provider", "PR1"),
        carer_name=name,
        postcode="L8 1AB",
        **extra,
    )


@pytest.fixture
def service_manager(make_user):
    return make_user(Role.SERVICE_MANAGER, "service.manager")


@pytest.fixture
def iro(make_user):
    return make_user(Role.IRO, "iro.one", first_name="Irene", last_name="Oduya")


@pytest.fixture
def in_care(child, social_worker):
    return services.start_care(
        actor=social_worker,
        person=child,
        start_date=date(2024, 3, 14),
        legal_status="V2",
        category_of_need="N1",
        placement=foster(),
    )
