"""Lockout, two-factor sign-in and enrolment, dormant accounts."""

import time
from datetime import timedelta

import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import lockout, twofactor
from accounts.models import RecoveryCode, SignInAttempt, TotpDevice, User
from accounts.permissions import Permission, Role, role_has
from accounts.services import disable_dormant_accounts
from audit.models import AuditAction, AuditEvent
from demo import totp as demo_totp

PASSWORD = "harbour-test-password"  # noqa: S105
SIGN_IN = "/accounts/sign-in/"


def _post_sign_in(client, username, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def _code(secret, offset_steps=0):
    return pyotp.TOTP(secret).at(time.time() + offset_steps * 30)


# --- Who must use two-factor --------------------------------------------------------------


def test_every_role_that_can_read_a_childs_record_requires_totp():
    readers = {r for r in Role if role_has(r, Permission.VIEW_PERSON)}

    assert readers == set(Role)
    assert all(twofactor.role_requires_totp(r) for r in readers)


@pytest.mark.django_db
def test_early_help_and_partner_are_asked_for_a_code_when_signing_in(client, make_user):
    for role, username in ((Role.EARLY_HELP, "eh.worker"), (Role.PARTNER, "partner.user")):
        make_user(role, username)

        response = _post_sign_in(client, username)

        assert response.url == reverse("accounts:two_factor")
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_superuser_without_a_role_is_asked_for_a_code_when_signing_in(client):
    User.objects.create_superuser("root", "root@example.invalid", PASSWORD)

    response = _post_sign_in(client, "root")

    assert response.url == reverse("accounts:two_factor")
    assert "_auth_user_id" not in client.session


# --- Lockout --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_username_is_locked_when_five_failures_in_fifteen_minutes(client, make_user):
    make_user(Role.EARLY_HELP, "eh.worker")
    for _ in range(5):
        assert _post_sign_in(client, "eh.worker", "wrong").status_code == 400

    response = _post_sign_in(client, "eh.worker")  # the right password, but locked

    assert response.status_code == 400
    assert "too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(summary__startswith="Sign-in locked (username)").exists()
    assert AuditEvent.objects.filter(summary="Sign-in refused: locked out").count() == 1


@pytest.mark.django_db
def test_lock_lifts_when_fifteen_minutes_have_passed(client, make_user, time_machine):
    make_user(Role.EARLY_HELP, "eh.worker")
    time_machine.move_to(timezone.now())
    for _ in range(5):
        _post_sign_in(client, "eh.worker", "wrong")
    time_machine.shift(timedelta(minutes=16))

    response = _post_sign_in(client, "eh.worker")

    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")


@pytest.mark.django_db
def test_address_is_locked_when_failures_span_many_usernames(client, make_user, settings):
    settings.HARBOUR_LOCKOUT_IP_FAILURES = 3
    make_user(Role.EARLY_HELP, "eh.worker")
    for name in ("a", "b", "c"):
        _post_sign_in(client, name, "wrong")

    state = lockout.state("eh.worker", "127.0.0.1")

    assert state.locked and state.scope == "address"
    assert _post_sign_in(client, "eh.worker").status_code == 400


@pytest.mark.django_db
def test_success_clears_the_usernames_failures_when_signed_in():
    now = timezone.now()
    for _ in range(4):
        SignInAttempt.objects.create(attempted_at=now, username="x", succeeded=False)
    SignInAttempt.objects.create(attempted_at=now + timedelta(seconds=1), username="x", succeeded=True)
    SignInAttempt.objects.create(attempted_at=now + timedelta(seconds=2), username="x", succeeded=False)

    assert not lockout.state("x", None, now=now + timedelta(seconds=3)).locked


@pytest.mark.django_db
def test_locked_page_keeps_the_username_typed_when_refused(client, make_user):
    for _ in range(5):
        _post_sign_in(client, "someone", "wrong")

    response = _post_sign_in(client, "someone")

    assert 'value="someone"' in response.content.decode()


# --- Two-factor: enrolment and sign-in -----------------------------------------------------


@pytest.mark.django_db
def test_required_role_must_enrol_when_signing_in_first_time(client, social_worker):
    response = _post_sign_in(client, "social.worker")

    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")
    assert "_auth_user_id" not in client.session  # not signed in until the second factor
    enrol_page = client.get(reverse("accounts:two_factor"), follow=True)
    html = enrol_page.content.decode()
    assert "Set up two-factor sign-in" in html
    device = TotpDevice.objects.get(user=social_worker)
    assert device.secret in html  # the secret as text
    assert "otpauth://totp/" in html  # the URI
    assert "<svg" in html  # the QR code, rendered on the server


@pytest.mark.django_db
def test_enrolment_signs_in_and_shows_recovery_codes_when_code_correct(client, social_worker):
    _post_sign_in(client, "social.worker")
    client.get(reverse("accounts:enrol"))
    device = TotpDevice.objects.get(user=social_worker)

    response = client.post(reverse("accounts:enrol"), {"code": _code(device.secret)})

    assert response.status_code == 302 and response.url == reverse("accounts:recovery_codes")
    assert int(client.session["_auth_user_id"]) == social_worker.pk
    codes_page = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert codes_page.count("<li><code>") == twofactor.RECOVERY_CODE_COUNT
    # Shown once only.
    assert "<li><code>" not in client.get(reverse("accounts:recovery_codes")).content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, changes__method="password+totp_enrolment")


@pytest.mark.django_db
def test_enrolment_refused_and_code_kept_out_when_code_wrong(client, social_worker):
    _post_sign_in(client, "social.worker")
    client.get(reverse("accounts:enrol"))

    response = client.post(reverse("accounts:enrol"), {"code": "000000"})

    assert response.status_code == 400
    assert "The code is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.fixture
def enrolled(social_worker):
    secret = twofactor.new_secret()
    TotpDevice.objects.create(user=social_worker, secret=secret, confirmed_at=timezone.now())
    return social_worker, secret


@pytest.mark.django_db
def test_sign_in_needs_current_code_when_enrolled(client, enrolled):
    user, secret = enrolled
    _post_sign_in(client, "social.worker")

    wrong = client.post(reverse("accounts:two_factor"), {"code": "123456"})
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session

    right = client.post(reverse("accounts:two_factor"), {"code": _code(secret)})
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_code_cannot_be_replayed_when_already_used(enrolled):
    user, secret = enrolled
    device = user.totp_device
    code = _code(secret)

    assert twofactor.verify_code(device, code)
    assert not twofactor.verify_code(device, code)


@pytest.mark.django_db
def test_recovery_code_signs_in_once_when_phone_lost(client, enrolled):
    user, _ = enrolled
    codes = twofactor.new_recovery_codes(user)

    _post_sign_in(client, "social.worker")
    assert client.post(reverse("accounts:two_factor"), {"code": codes[0]}).status_code == 302
    client.logout()
    _post_sign_in(client, "social.worker")
    assert client.post(reverse("accounts:two_factor"), {"code": codes[0]}).status_code == 400
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == len(codes) - 1


@pytest.mark.django_db
def test_code_step_expires_when_pending_too_long(client, enrolled, time_machine):
    _, secret = enrolled
    time_machine.move_to(timezone.now())
    _post_sign_in(client, "social.worker")
    time_machine.shift(timedelta(minutes=6))

    response = client.post(reverse("accounts:two_factor"), {"code": _code(secret)})

    assert "Sign in again" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_next_address_is_kept_when_two_factor_completes(client, enrolled):
    _, secret = enrolled
    client.post(SIGN_IN, {"username": "social.worker", "password": PASSWORD, "next": "/people/search/"})

    response = client.post(reverse("accounts:two_factor"), {"code": _code(secret)})

    assert response.url == "/people/search/"


# --- Second-factor guessing ------------------------------------------------------------------


@pytest.mark.django_db
def test_account_locks_when_codes_are_refused_after_right_passwords(client, enrolled):
    user, secret = enrolled
    for round_ in range(8):
        address = f"10.0.{round_}.1"
        _post_sign_in(client, "social.worker", REMOTE_ADDR=address)
        for _ in range(3):
            client.post(reverse("accounts:two_factor"), {"code": "000000"}, REMOTE_ADDR=address)

    refused = _post_sign_in(client, "social.worker", REMOTE_ADDR="10.1.0.1")

    assert refused.status_code == 400 and "too many failed attempts" in refused.content.decode()
    assert lockout.state("social.worker", None).scope == "username"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_code_step_refuses_right_code_when_account_locked_by_codes(client, enrolled, settings):
    user, secret = enrolled
    _post_sign_in(client, "social.worker")
    for _ in range(settings.HARBOUR_LOCKOUT_CODE_FAILURES):
        client.post(reverse("accounts:two_factor"), {"code": "000000"})

    response = client.post(reverse("accounts:two_factor"), {"code": _code(secret)})

    assert response.status_code == 400 and "too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT, actor=user).exists()


@pytest.mark.django_db
def test_password_success_does_not_clear_code_failures():
    now = timezone.now()
    for second in range(5):
        SignInAttempt.objects.create(
            attempted_at=now + timedelta(seconds=2 * second), username="x", succeeded=True
        )
        SignInAttempt.objects.create(
            attempted_at=now + timedelta(seconds=2 * second + 1),
            username="x",
            succeeded=False,
            factor=SignInAttempt.Factor.CODE,
        )

    assert lockout.state("x", None, now=now + timedelta(seconds=11)).locked


@pytest.mark.django_db
def test_refused_code_is_audited_against_the_pending_account(client, enrolled):
    user, _ = enrolled
    _post_sign_in(client, "social.worker")

    client.post(reverse("accounts:two_factor"), {"code": "000000"})

    refused = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED, summary="Two-factor code refused")
    assert refused.actor == user


@pytest.mark.django_db
def test_address_lock_ends_on_time_when_attempts_continue_while_locked(client, settings, time_machine):
    settings.HARBOUR_LOCKOUT_IP_FAILURES = 3
    time_machine.move_to(timezone.now())
    for name in ("a", "b", "c"):
        _post_sign_in(client, name, "wrong")
    time_machine.shift(timedelta(minutes=10))
    for name in ("d", "e", "f", "g"):
        assert "too many failed attempts" in _post_sign_in(client, name, "wrong").content.decode()
    time_machine.shift(timedelta(minutes=6))

    assert not lockout.state("someone.else", "127.0.0.1").locked


@pytest.mark.django_db
def test_office_behind_one_address_is_not_locked_out_by_a_morning_of_typing_slips(client, make_user):
    for number in range(20):
        make_user(Role.EARLY_HELP, f"worker.{number}")
        _post_sign_in(client, f"worker.{number}", "mistyped")

    assert _post_sign_in(client, "worker.0").status_code == 302


# --- Dormant accounts -------------------------------------------------------------------------


@pytest.mark.django_db
def test_dormant_accounts_are_disabled_when_no_sign_in_for_ninety_days(make_user, admin_user):
    old = make_user(Role.SOCIAL_WORKER, "old.worker")
    User.objects.filter(pk=old.pk).update(last_login=timezone.now() - timedelta(days=91))
    recent = make_user(Role.SOCIAL_WORKER, "recent.worker")
    User.objects.filter(pk=recent.pk).update(last_login=timezone.now() - timedelta(days=10))
    never = make_user(Role.SOCIAL_WORKER, "never.worker")
    User.objects.filter(pk=never.pk).update(date_joined=timezone.now() - timedelta(days=100))
    User.objects.filter(pk=admin_user.pk).update(last_login=timezone.now())

    disabled = disable_dormant_accounts(actor=admin_user)

    assert {u.username for u in disabled} >= {"old.worker", "never.worker"}
    assert "recent.worker" not in {u.username for u in disabled}
    old.refresh_from_db()
    assert not old.is_active and old.disabled_as_dormant_at
    assert AuditEvent.objects.filter(summary="Account disabled: dormant", object_id=str(old.pk)).exists()


@pytest.mark.django_db
def test_dormant_page_lists_accounts_when_admin(client_for, admin_user, make_user):
    old = make_user(Role.SOCIAL_WORKER, "old.worker")
    User.objects.filter(pk=old.pk).update(last_login=timezone.now() - timedelta(days=200))

    response = client_for(admin_user).get(reverse("accounts:dormant"))

    assert response.status_code == 200
    assert "old.worker" in response.content.decode()


@pytest.mark.django_db
def test_dormant_command_disables_when_run(make_user):
    from django.core.management import call_command

    old = make_user(Role.SOCIAL_WORKER, "old.worker")
    User.objects.filter(pk=old.pk).update(last_login=timezone.now() - timedelta(days=91))

    call_command("disable_dormant_accounts")

    old.refresh_from_db()
    assert not old.is_active


# --- Demo accounts -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_totp_prints_a_code_that_signs_in_when_demo_account(client, make_user, capsys):
    from django.core.management import call_command

    make_user(Role.SOCIAL_WORKER, "social.worker", email="social.worker@demo.harbour.invalid")
    assert demo_totp.enrol_demo_accounts(seed=2026) == ["social.worker"]
    assert TotpDevice.objects.get().secret == demo_totp.demo_secret("social.worker", 2026)

    call_command("demo_totp", "social.worker")
    code = capsys.readouterr().out.split()[0]
    _post_sign_in(client, "social.worker")

    assert client.post(reverse("accounts:two_factor"), {"code": code}).status_code == 302


@pytest.mark.django_db
def test_demo_totp_refuses_when_not_a_demo_account(social_worker):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("demo_totp", "social.worker")
