import pytest

from accounts.permissions import Role
from performance.catalogue import CATALOGUE
from performance.figures import compute
from performance.periods import Period


@pytest.fixture
def analyst(make_user):
    return make_user(Role.PERFORMANCE, "performance.analyst")


@pytest.fixture
def figure():
    """The figure of an indicator for a period: `figure("referrals", period)`."""

    def make(indicator_id: str, period: Period):
        return compute(CATALOGUE.indicators[indicator_id], period)

    return make
