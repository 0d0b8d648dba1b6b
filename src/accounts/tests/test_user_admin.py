"""Administrators' user accounts: reset a lost phone's two-factor sign-in, unlock a sign-in."""

import time

import pyotp
import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts import lockout, services, twofactor
from accounts.models import RecoveryCode, TotpDevice
from accounts.permissions import Role
from accounts.sessions import SIGN_IN_METHOD
from audit.models import AuditAction, AuditEvent

PASSWORD = "harbour-test-password"  # noqa: S105
SIGN_IN = "/accounts/sign-in/"


def _enrol(user):
    device = twofactor.start_enrolment(user)
    assert twofactor.verify_code(device, pyotp.TOTP(device.secret).now())
    twofactor.new_recovery_codes(user)
    return device


def _signed_in_with_code(user) -> Client:
    """A client that signed in through the real form: password, then the current code."""
    device = TotpDevice.objects.get(user=user)
    client = Client()
    client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
    next_step = int(time.time() // 30) + 1  # the step after the one used when enrolling
    response = client.post("/accounts/sign-in/code/", {"code": pyotp.TOTP(device.secret).at(next_step * 30)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _admin_client(client, admin):
    """Signed in as `admin` in a session that proved a second factor."""
    client.force_login(admin)
    session = client.session
    session[SIGN_IN_METHOD] = "password+totp"
    session.save()
    return client


def _url(user, action=""):
    return f"/accounts/users/{user.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def worker(make_user):
    user = make_user(Role.SOCIAL_WORKER, "lost.phone")
    _enrol(user)
    return user


# --- Service ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reset_removes_authenticator_and_ends_sessions_when_admin_gives_reason(admin_user, worker):
    worker_client = Client()
    worker_client.force_login(worker)
    other_client = Client()
    other_client.force_login(admin_user)

    ended = services.reset_two_factor(actor=admin_user, user=worker, reason="Phone lost on a home visit")

    assert ended == 1
    assert not TotpDevice.objects.filter(user=worker).exists()
    assert not RecoveryCode.objects.filter(user=worker).exists()
    worker.refresh_from_db()
    assert worker.must_enrol_two_factor
    assert worker_client.get("/").status_code == 302  # signed out
    assert other_client.get("/accounts/users/").status_code == 200  # the administrator's session stays
    event = AuditEvent.objects.get(action=AuditAction.RESET_TWO_FACTOR)
    assert (event.actor_id, event.object_id, event.reason) == (
        admin_user.pk,
        str(worker.pk),
        "Phone lost on a home visit",
    )
    assert event.changes == {"had_authenticator": True, "sessions_ended": 1}


@pytest.mark.django_db
def test_reset_is_refused_when_no_reason_or_own_account_or_not_admin(admin_user, worker, team_manager):
    with pytest.raises(ValidationError):
        services.reset_two_factor(actor=admin_user, user=worker, reason="  ")
    with pytest.raises(ValidationError):
        services.reset_two_factor(actor=admin_user, user=admin_user, reason="Lost my phone")
    with pytest.raises(PermissionDenied):
        services.reset_two_factor(actor=team_manager, user=worker, reason="Phone lost")
    assert TotpDevice.objects.filter(user=worker).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RESET_TWO_FACTOR).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "own", "why"),
    [
        (
            services.reset_two_factor,
            "Another administrator must reset your own two-factor sign-in",
            "Enter why two-factor sign-in is being reset",
        ),
        (
            services.unbind_identity_provider,
            "Another administrator must clear your own council sign-in",
            "Enter why the council sign-in is being cleared",
        ),
    ],
)
def test_a_sign_in_change_is_another_administrators_with_a_reason_when_made(
    admin_user, worker, team_manager, change, own, why
):
    with pytest.raises(ValidationError) as own_account:
        change(actor=admin_user, user=admin_user, reason="Lost my phone")
    with pytest.raises(ValidationError) as no_reason:
        change(actor=admin_user, user=worker, reason="  ")
    with pytest.raises(PermissionDenied):
        change(actor=team_manager, user=team_manager, reason="Lost my phone")
    assert own_account.value.message_dict == {"reason": [own]}
    assert no_reason.value.message_dict == {"reason": [why]}


@pytest.mark.django_db
def test_user_must_enrol_again_at_next_sign_in_when_reset_even_if_role_does_not_require_it(
    client, admin_user, make_user
):
    volunteer = make_user(Role.EARLY_HELP, "eh.volunteer")  # a role that does not require two-factor
    _enrol(volunteer)
    services.reset_two_factor(actor=admin_user, user=volunteer, reason="New phone")

    response = client.post(SIGN_IN, {"username": "eh.volunteer", "password": PASSWORD})
    assert response.url == "/accounts/sign-in/code/"
    assert client.get(response.url).url == "/accounts/two-factor/set-up/"
    assert "Set up two-factor sign-in" in client.get("/accounts/two-factor/set-up/").content.decode()
    device = TotpDevice.objects.get(user=volunteer)
    assert device.confirmed_at is None
    done = client.post("/accounts/two-factor/set-up/", {"code": pyotp.TOTP(device.secret).now()})

    assert done.url == "/accounts/two-factor/recovery-codes/"
    volunteer.refresh_from_db()
    assert not volunteer.must_enrol_two_factor
    assert client.session["_auth_user_id"] == str(volunteer.pk)


@pytest.mark.django_db
def test_unlock_lets_a_locked_user_sign_in_again_and_is_audited(client, admin_user, make_user):
    user = make_user(Role.EARLY_HELP, "eh.locked")
    for _ in range(5):
        client.post(SIGN_IN, {"username": "eh.locked", "password": "wrong"})
    assert lockout.state("eh.locked", None).locked
    assert "eh.locked" in lockout.locked_usernames()
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT).count() == 1

    services.unlock_sign_in(actor=admin_user, user=user, reason="Called the service desk")

    assert not lockout.state("eh.locked", None).locked
    assert lockout.locked_usernames() == {}
    event = AuditEvent.objects.get(action=AuditAction.UNLOCK)
    assert event.object_id == str(user.pk)
    assert event.changes["was_locked"] is True
    fresh = Client()
    # (from another address: the five failures also locked the address they came from)
    assert (
        fresh.post(
            SIGN_IN, {"username": "eh.locked", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_unlock_is_refused_when_not_allowed_to_manage_users(team_manager, make_user):
    with pytest.raises(PermissionDenied):
        services.unlock_sign_in(actor=team_manager, user=make_user(Role.EARLY_HELP, "eh.x"))


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_resets_through_confirmation_page_when_signed_in_with_code(admin_user, worker):
    _enrol(admin_user)
    client = _signed_in_with_code(admin_user)

    page = client.get(_url(worker, "reset-two-factor"))
    assert page.status_code == 200
    assert "they are signed out of Harbour everywhere" in page.content.decode()
    missing = client.post(_url(worker, "reset-two-factor"), {"reason": "", "identity_checked": ""})
    assert missing.status_code == 400
    assert "Enter why two-factor sign-in is being reset" in missing.content.decode()
    assert TotpDevice.objects.filter(user=worker).exists()

    done = client.post(_url(worker, "reset-two-factor"), {"reason": "Lost phone", "identity_checked": "on"})

    assert done.url == _url(worker)
    assert not TotpDevice.objects.filter(user=worker).exists()
    told = client.get(done.url).content.decode()
    assert f"Two-factor sign-in reset for {worker.display_name}. They must set it up again" in told
    assert "Must set up again" in client.get(_url(worker)).content.decode()
    assert "Must set up again" in client.post("/accounts/users/", {"q": "lost"}, follow=True).content.decode()


@pytest.mark.django_db
def test_reset_page_asks_for_two_factor_session_when_signed_in_without_code(client, admin_user, worker):
    client.force_login(admin_user)  # no second factor proved in this session

    page = client.get(_url(worker, "reset-two-factor"))
    posted = client.post(_url(worker, "reset-two-factor"), {"reason": "Lost", "identity_checked": "on"})

    assert "Sign in with two-factor authentication to continue" in page.content.decode()
    assert "Sign in with two-factor authentication to continue" in posted.content.decode()
    assert TotpDevice.objects.filter(user=worker).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["reset-two-factor", "unlock", "council-sign-in"])
def test_each_sign_in_change_asks_for_a_two_factor_session_and_finds_the_account_first(
    client, admin_user, worker, action
):
    worker.identity_provider_subject = "sub:worker"
    worker.save()
    client.force_login(admin_user)  # no second factor proved in this session

    posted = client.post(_url(worker, action), {"reason": "Asked by phone", "identity_checked": "on"})

    assert posted.status_code == 200
    assert "Sign in with two-factor authentication to continue" in posted.content.decode()
    worker.refresh_from_db()
    assert worker.identity_provider_subject == "sub:worker"
    assert TotpDevice.objects.filter(user=worker).exists()
    assert not AuditEvent.objects.filter(actor=admin_user).exclude(action=AuditAction.VIEW).exists()
    assert client.get(f"/accounts/users/999999/{action}/").status_code == 404


@pytest.mark.django_db
def test_own_account_cannot_be_reset_when_admin_tries(client, admin_user):
    _enrol(admin_user)
    _admin_client(client, admin_user)

    response = client.post(_url(admin_user, "reset-two-factor"), {"reason": "Lost", "identity_checked": "on"})

    assert response.status_code == 200
    assert "Another administrator must reset your two-factor sign-in" in response.content.decode()
    assert TotpDevice.objects.filter(user=admin_user).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RESET_TWO_FACTOR).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.AUDITOR, Role.SOCIAL_WORKER])
def test_other_roles_are_refused_user_admin_pages_when_without_manage_users(client, make_user, worker, role):
    client.force_login(make_user(role, f"not.admin.{role.value}"))
    session = client.session
    session[SIGN_IN_METHOD] = "password+totp"
    session.save()

    for url in ("/accounts/users/", _url(worker), _url(worker, "reset-two-factor"), _url(worker, "unlock")):
        assert client.get(url).status_code == 403
    assert (
        client.post(_url(worker, "reset-two-factor"), {"reason": "x", "identity_checked": "on"}).status_code
        == 403
    )
    assert client.post(_url(worker, "unlock"), {}).status_code == 403
    assert TotpDevice.objects.filter(user=worker).exists()


@pytest.mark.django_db
def test_locked_account_is_listed_and_unlocked_from_the_admin_pages(client, admin_user, make_user):
    user = make_user(Role.EARLY_HELP, "eh.locked", first_name="Lockie")
    for _ in range(5):
        Client().post(SIGN_IN, {"username": "eh.locked", "password": "wrong"})
    _admin_client(client, admin_user)

    listing = client.post("/accounts/users/", {"q": "nobody-matches-this"}, follow=True).content.decode()
    assert "Locked after failed sign-in attempts" in listing  # listed whatever was searched for
    assert "Lockie" in listing
    assert "No accounts found." in listing
    assert "Unlock sign-in" in client.get(_url(user)).content.decode()

    response = client.post(_url(user, "unlock"), {"reason": "Confirmed by phone"})

    assert response.url == _url(user)
    assert not lockout.state("eh.locked", None).locked
    assert "Locked after failed sign-in attempts" not in client.get("/accounts/users/").content.decode()
    assert AuditEvent.objects.get(action=AuditAction.UNLOCK).reason == "Confirmed by phone"


@pytest.mark.django_db
def test_sign_in_with_code_marks_the_session_when_two_factor_used(admin_user):
    _enrol(admin_user)
    client = _signed_in_with_code(admin_user)

    assert client.session[SIGN_IN_METHOD] == "password+totp"
    assert Session.objects.count() == 1


# --- Clearing a council sign-in binding -------------------------------------------------------


@pytest.fixture
def bound(make_user):
    user = make_user(Role.SOCIAL_WORKER, "bound.worker", email="bound.worker@council.invalid")
    return services.bind_identity_provider(actor=user, subject="sub:old-account")


def test_unbinding_clears_the_subject_ends_sessions_and_audits_with_the_reason(client, admin_user, bound):
    other = Client()
    other.force_login(bound)

    response = _admin_client(client, admin_user).post(
        _url(bound, "council-sign-in"), {"reason": "The council replaced their account"}
    )

    assert response.status_code == 302 and response.url == _url(bound)
    bound.refresh_from_db()
    assert bound.identity_provider_subject == ""
    assert "_auth_user_id" not in other.session
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=admin_user, object_id=str(bound.pk))
    assert event.reason == "The council replaced their account"
    assert event.changes["identity_provider_subject"] == ["sub:old-account", ""]


def test_unbinding_is_refused_without_a_reason_or_for_ones_own_account(client, admin_user, make_user, bound):
    response = _admin_client(client, admin_user).post(_url(bound, "council-sign-in"), {"reason": " "})
    assert response.status_code == 400
    bound.refresh_from_db()
    assert bound.identity_provider_subject == "sub:old-account"

    admin_user.identity_provider_subject = "sub:admin"
    admin_user.save()
    with pytest.raises(ValidationError):
        services.unbind_identity_provider(actor=admin_user, user=admin_user, reason="Lost it")
    with pytest.raises(PermissionDenied):
        services.unbind_identity_provider(
            actor=make_user(Role.SOCIAL_WORKER, "colleague"), user=bound, reason="Replaced"
        )


def test_the_unbinding_page_takes_no_reason_for_ones_own_account_and_says_whose_was_cleared(
    client, admin_user, bound
):
    admin_user.identity_provider_subject = "sub:admin"
    admin_user.save()
    admin = _admin_client(client, admin_user)

    own = admin.post(_url(admin_user, "council-sign-in"), {"reason": "Lost it"})

    assert own.status_code == 200
    assert "Another administrator must clear your council sign-in" in own.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.identity_provider_subject == "sub:admin"
    done = admin.post(_url(bound, "council-sign-in"), {"reason": "Replaced"}, follow=True)
    assert f"Council sign-in cleared for {bound.display_name}" in done.content.decode()


def test_user_page_offers_to_clear_a_council_sign_in_only_when_bound(client, admin_user, worker, bound):
    admin = _admin_client(client, admin_user)
    assert "Clear council sign-in" in admin.get(_url(bound)).content.decode()
    assert "Clear council sign-in" not in admin.get(_url(worker)).content.decode()
