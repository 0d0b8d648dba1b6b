"""A service manager opens an indicator, drills down to a team, a worker and a child, and
downloads the table as CSV, in a real browser; each page is checked with axe."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.permissions import Role
from protection.tests.factories import make_referral
from workforce import services as workforce
from workforce.models import AllocationRole

from .conftest import assert_accessible, sign_in


@pytest.fixture
def referred(child, social_worker, team_manager, team):
    today = timezone.localdate()
    workforce.allocate(
        actor=team_manager, person=child, worker=social_worker, team=team,
        role=AllocationRole.SOCIAL_WORKER, start_date=today - timedelta(days=2),
    )  # fmt: skip
    make_referral(child, social_worker, today - timedelta(days=1))
    return child


@pytest.mark.system
def test_a_manager_drills_from_an_indicator_to_a_child_and_downloads_the_csv(
    page, live_server, make_user, referred, team, social_worker
):
    make_user(Role.SERVICE_MANAGER, "service.manager")
    sign_in(page, live_server, "service.manager")
    page.get_by_role("link", name="Performance").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Performance")
    assert_accessible(page)

    page.get_by_role("link", name="Referrals", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals")
    expect(page.locator("svg.harbour-trend")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=team.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(team.name)
    assert_accessible(page)

    page.get_by_role("link", name=social_worker.display_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(social_worker.display_name)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8")
    assert referred.la_child_id in csv and "Amelia Hughes" in csv

    page.get_by_role("link", name="Amelia Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia")
