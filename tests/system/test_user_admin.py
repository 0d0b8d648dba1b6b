"""Administrators' journeys: a member of staff lost their phone; another is locked out."""

import pytest
from playwright.sync_api import expect

from accounts import lockout, twofactor
from accounts.models import TotpDevice
from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent

from .conftest import _totp_code, assert_accessible, sign_in


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMIN, "user.admin", first_name="Ada", last_name="Admin")


@pytest.fixture
def enrolled_worker(make_user):
    worker = make_user(Role.SOCIAL_WORKER, "lost.phone", first_name="Lola", last_name="Lostphone")
    device = twofactor.start_enrolment(worker)
    assert twofactor.verify_code(device, _totp_code(device.secret))
    twofactor.new_recovery_codes(worker)
    return worker


@pytest.mark.system
def test_admin_resets_two_factor_and_the_worker_sets_it_up_again(
    open_page, live_server, administrator, enrolled_worker
):
    """Given Lola, signed in, who has lost the phone with her authenticator app,
    when an administrator (signed in with a security code) finds her account, confirms the
    reset with a reason and that they checked it was her,
    then her session ends, the reset is audited, and at her next sign-in she must set up
    an authenticator app again."""
    worker_page = open_page()
    sign_in(worker_page, live_server, "lost.phone")

    admin = open_page()
    sign_in(admin, live_server, "user.admin")
    admin.get_by_role("link", name="User accounts").first.click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("User accounts")
    assert_accessible(admin)
    admin.get_by_label("Name or username").fill("lost")
    admin.get_by_role("button", name="Find accounts").click()
    admin.get_by_role("link", name="Lola Lostphone").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Lola Lostphone")
    assert_accessible(admin)
    admin.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Reset two-factor sign-in for Lola Lostphone")
    assert_accessible(admin)

    admin.get_by_role("button", name="Reset two-factor sign-in").click()  # nothing filled in
    summary = admin.get_by_role("alert")
    expect(summary).to_contain_text("Enter why two-factor sign-in is being reset")
    expect(summary).to_contain_text("Confirm that you have checked who asked for the reset")
    assert_accessible(admin)
    assert TotpDevice.objects.filter(user=enrolled_worker).exists()

    admin.get_by_label("Why are you resetting their two-factor sign-in?").fill("Phone lost on a home visit")
    admin.get_by_label("I have checked that the request comes from this member of staff").check()
    admin.get_by_role("button", name="Reset two-factor sign-in").click()

    expect(admin.get_by_role("heading", level=1)).to_have_text("Lola Lostphone")
    expect(admin.locator(".govuk-notification-banner")).to_contain_text("must set it up again")
    expect(admin.locator(".govuk-summary-list")).to_contain_text("Must set up again")
    assert_accessible(admin)
    event = AuditEvent.objects.get(action=AuditAction.RESET_TWO_FACTOR)
    assert event.actor_username == "user.admin" and event.reason == "Phone lost on a home visit"

    worker_page.reload()
    expect(worker_page.get_by_role("heading", level=1)).to_have_text("Sign in to Harbour")
    worker_page.get_by_label("Username").fill("lost.phone")
    worker_page.get_by_label("Password").fill("harbour-test-password")
    worker_page.get_by_role("button", name="Sign in").click()
    expect(worker_page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")


@pytest.mark.system
def test_admin_unlocks_a_locked_account(page, live_server, administrator, make_user):
    """Given an account locked after five failed sign-ins, the administrator sees it at the
    top of the user accounts page and unlocks it; the unlock is audited."""
    make_user(Role.EARLY_HELP, "eh.locked", first_name="Lockie", last_name="Locked")
    for _ in range(5):
        lockout.record_attempt("eh.locked", None, succeeded=False)

    sign_in(page, live_server, "user.admin")
    page.goto(f"{live_server.url}/accounts/users/")
    locked = page.get_by_role("table", name="Locked after failed sign-in attempts")
    expect(locked).to_contain_text("Lockie Locked")
    locked.get_by_role("link", name="Lockie Locked").click()
    page.get_by_role("button", name="Unlock sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unlock sign-in for Lockie Locked")
    assert_accessible(page)
    page.get_by_label("Reason (optional)").fill("Rang the service desk")
    page.get_by_role("button", name="Unlock sign-in").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Sign-in unlocked for Lockie Locked")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Not locked")
    assert not lockout.state("eh.locked", None).locked
    assert AuditEvent.objects.get(action=AuditAction.UNLOCK).reason == "Rang the service desk"
