"""The child's record in a real browser, at a desktop's width and a phone's, each page checked
with axe: a social worker opens a child in care's record, reads the summary at its top (legal
status with its code, placement, who holds the case, the next dates, the alert), moves between
the record's sections by its sub-navigation, and turns the chronology to oldest first; at
390 px nothing on any of these pages is wider than the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from looked_after.tests.factories import take_into_care
from people import services
from workforce.tests.factories import allocate

from .conftest import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def in_care(team, team_manager, social_worker, child):
    today = timezone.localdate()
    allocate(team_manager, child, social_worker, team, today - timedelta(days=120))
    take_into_care(social_worker, child, start_date=today - timedelta(days=100), legal_status="C2")
    services.add_alert(
        actor=social_worker,
        person=child,
        kind="DOG",
        details="Large dog at the address, ask for it to be shut away before visiting",
        start_date=today - timedelta(days=30),
    )
    return child


def _fits_a_phone(page: Page) -> None:
    """Nothing on the page itself is wider than the screen: wide tables scroll in their own region."""
    assert page.evaluate(
        "[...document.querySelectorAll('main *')].every(e => e.closest('.hb-table-scroll')"
        " || (e.tagName !== 'TABLE' && e.closest('table'))"
        " || e.getBoundingClientRect().right <= window.innerWidth + 1)"
    )
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide


@pytest.mark.system
def test_the_childs_record_has_a_summary_and_sections_at_a_desktops_and_a_phones_width(
    page, live_server, in_care
):
    """Given a child in care with a worker and an alert,
    when their worker opens the record, every page of it starts with the summary,
    the sections are links, the chronology turns to oldest first, and all of it fits a phone."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{in_care.pk}/")
    summary = page.get_by_role("region", name=f"Summary of {in_care.display_name}'s record")
    expect(summary).to_contain_text("Full care order (C2)")
    expect(summary).to_contain_text("Allocated social worker")
    expect(summary).to_contain_text("Large dog at the address")
    expect(summary).to_contain_text("Next statutory dates")
    assert_accessible(page)

    sections = page.get_by_role("navigation", name=f"Sections of {in_care.display_name}'s record")
    sections.get_by_role("link", name="Work and plans").click()
    expect(page.get_by_role("heading", name="Children in care", level=2)).to_be_visible()
    expect(summary).to_contain_text("Full care order (C2)")
    assert_accessible(page)

    sections.get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("link", name="Chronology", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.locator("caption")).to_contain_text("newest first")
    page.get_by_role("link", name="Show oldest first").click()
    expect(page.locator("caption")).to_contain_text("oldest first")
    expect(page.locator("tbody tr").first).to_contain_text("Born")
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    for path in ("", "work/", "family/"):
        page.goto(f"{live_server.url}/people/{in_care.pk}/{path}")
        expect(summary).to_be_visible()
        _fits_a_phone(page)
        assert_accessible(page)
    page.goto(f"{live_server.url}/casework/people/{in_care.pk}/chronology/")
    _fits_a_phone(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
