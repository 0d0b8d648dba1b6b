"""Journey: a performance analyst builds a return, watches it finish and downloads it; the
data-quality page lists a broken record and passes axe.

The builders are the test fakes (`returns.tests.fakes`) put in the registry, so the journey
covers the platform whether or not a return's real builder is in this version."""

import zipfile
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.permissions import Role
from people import services as people
from returns import services
from returns.registry import collection_year
from returns.tests.fakes import fake_returns

from .conftest import assert_accessible, sign_in


@pytest.fixture
def fakes():
    with fake_returns():
        yield


@pytest.fixture
def analyst(make_user):
    return make_user(Role.PERFORMANCE, "performance.analyst")


@pytest.fixture
def broken_child(social_worker):
    return people.create_person(
        actor=social_worker,
        data={
            "record_type": "CHILD",
            "given_name": "Noor",
            "family_name": "Haddad",
            "date_of_birth": date(2013, 9, 1),
            "sex": "U",
            "ethnicity": "WBRI",
        },
    )


@pytest.mark.system
def test_analyst_builds_the_903_sees_it_finish_and_downloads_it(
    page, live_server, analyst, broken_child, fakes, tmp_path
):
    """Given a performance analyst, when they ask for this year's SSDA903 from the statutory
    returns page, then the list of returns shows it finished and they download a zip of CSVs."""
    year = collection_year(timezone.localdate())
    sign_in(page, live_server, "performance.analyst")
    page.get_by_role("link", name="Statutory returns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statutory returns")
    assert_accessible(page)

    form = page.locator("form").filter(
        has=page.get_by_role("heading", name="SSDA903 (children looked after)")
    )
    form.get_by_label("Collection year").fill("1999")
    form.get_by_role("button", name="Build the SSDA903 (children looked after)").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Collection year must be between 2023")
    assert_accessible(page)

    form = page.locator("form").filter(
        has=page.get_by_role("heading", name="SSDA903 (children looked after)")
    )
    form.get_by_label("Collection year").fill(str(year))
    form.get_by_role("button", name="Build the SSDA903 (children looked after)").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("SSDA903 (children looked after)")
    row = page.get_by_role("row").filter(has_text="SSDA903")
    expect(row).to_contain_text("Finished")
    assert_accessible(page)

    with page.expect_download() as info:
        row.get_by_role("link", name=f"Download ssda903_{year}.zip").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert sorted(zipfile.ZipFile(saved).namelist()) == ["header.csv", "ssda903_children.csv"]


@pytest.mark.system
def test_data_quality_page_lists_the_broken_record_and_is_accessible(
    page, live_server, analyst, broken_child, fakes
):
    """Given a child whose sex is not recorded and a validation run, when the analyst opens
    data quality, then the failing rule lists the child, linked to their details."""
    services.validate_live_data()
    sign_in(page, live_server, "performance.analyst")
    page.get_by_role("link", name="Data quality").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality")
    expect(page.get_by_role("heading", name="Gaps: what Harbour does not record yet (2)")).to_be_visible()
    rule = page.locator("section").filter(has_text="Children in need census rule FAKE-SEX")
    expect(rule).to_contain_text(broken_child.la_child_id)
    expect(rule.get_by_role("link", name="Edit the child's details")).to_have_attribute(
        "href", f"/people/{broken_child.pk}/edit/"
    )
    assert_accessible(page)

    page.get_by_label("Severity").select_option("error")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Failing rules (2)")).to_be_visible()
    assert_accessible(page)
