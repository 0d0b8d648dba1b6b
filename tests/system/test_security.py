"""Security journeys: a session that ends while a form is being typed loses nothing."""

import time

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

IDLE_SECONDS = 8
WARNING_SECONDS = 5


@pytest.fixture
def short_sessions(settings):
    settings.HARBOUR_IDLE_SECONDS = IDLE_SECONDS
    settings.HARBOUR_IDLE_WARNING_SECONDS = WARNING_SECONDS
    settings.HARBOUR_DRAFT_AUTOSAVE_SECONDS = 1


@pytest.mark.system
def test_typed_answers_are_restored_when_session_expires_while_typing(
    page, live_server, social_worker, child, short_sessions
):
    """Given a social worker editing Amelia's record with a session that ends after 8 idle
    seconds, when they type a new first name and do nothing more,
    then a dialog warns them before the end and the page then asks them to sign in again;
    when they sign in again and reopen the form,
    then what they typed is back in the form, with a notice saying it was restored."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{child.pk}/edit/")
    page.get_by_label("First name").fill("Typed before expiry")

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Harbour", timeout=15_000)
    expect(page.locator("#session-ended")).to_contain_text("inactive")

    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{child.pk}/edit/")

    expect(page.get_by_role("region", name="Unsaved work restored")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Typed before expiry")
    assert_accessible(page)


@pytest.mark.system
def test_stay_signed_in_keeps_the_session_when_warned(
    page, live_server, social_worker, child, short_sessions
):
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{child.pk}/edit/")

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    expect(page.get_by_label("First name")).to_be_visible()
    assert page.url.endswith(f"/people/{child.pk}/edit/")


@pytest.mark.system
def test_form_sent_after_expiry_is_kept_when_javascript_is_off(
    open_page, live_server, social_worker, child, short_sessions
):
    """Without JavaScript the session simply ends; the form posted after that is kept,
    offered back after signing in, and sending it again saves it."""
    page = open_page(javascript=False)
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{child.pk}/edit/")
    page.get_by_label("First name").fill("Amelie")
    time.sleep(IDLE_SECONDS + 1)
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Harbour")
    sign_in(page, live_server, "social.worker")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your unsaved work")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Amelie")
    page.get_by_role("button", name="Send it again").click()

    expect(page.locator("body")).to_contain_text("Identity details saved")
    child.refresh_from_db()
    assert child.given_name == "Amelie"
