"""Sign-in through the council's identity provider, with a mocked provider."""

from unittest import mock

import pyotp
import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory, override_settings
from django.utils import timezone

from accounts import twofactor
from accounts.models import TotpDevice
from accounts.oidc import HarbourOIDCBackend, provider_proved_two_factor
from accounts.permissions import Role
from accounts.sessions import SIGN_IN_METHOD, TWO_FACTOR_METHODS
from audit.models import AuditAction, AuditEvent

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "harbour",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.council.invalid/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.council.invalid/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.council.invalid/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.council.invalid/jwks",
    "OIDC_CREATE_USER": False,
    "ROOT_URLCONF": "accounts.tests.oidc_urls",
}
SAM = {"email": "sam.worker@council.invalid", "email_verified": True}


def _callback_request():
    request = RequestFactory().get("/oidc/callback/", {"code": "abc", "state": "xyz"})
    SessionMiddleware(lambda r: None).process_request(request)
    return request


def _authenticate(claims, id_claims=None):
    backend = HarbourOIDCBackend()
    with (
        mock.patch.object(backend, "get_token", return_value={"id_token": "id", "access_token": "at"}),
        mock.patch.object(backend, "verify_token", return_value=id_claims or {"sub": "123"}),
        mock.patch.object(backend, "get_userinfo", return_value=claims),
    ):
        return backend.authenticate(_callback_request(), nonce=None)


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_provider_account_signs_in_to_existing_account_when_email_matches(make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="Sam.Worker@council.invalid")

    assert _authenticate({"email": "sam.worker@council.invalid", "email_verified": True}) == user


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_provider_account_is_refused_when_no_harbour_account(make_user):
    make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    assert _authenticate({"email": "stranger@council.invalid", "email_verified": True}) is None


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_provider_account_is_refused_when_email_unverified_or_account_disabled(make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    assert _authenticate({"email": "sam.worker@council.invalid", "email_verified": False}) is None
    user.is_active = False
    user.save()
    assert _authenticate({"email": "sam.worker@council.invalid", "email_verified": True}) is None


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_first_sign_in_is_refused_when_provider_does_not_say_the_email_is_verified(make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    assert _authenticate({"email": "sam.worker@council.invalid"}) is None
    user.refresh_from_db()
    assert user.identity_provider_subject == ""


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_first_sign_in_binds_the_account_to_the_provider_subject_and_audits_it(make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    assert _authenticate(SAM, {"sub": "subject-1"}) == user

    user.refresh_from_db()
    assert user.identity_provider_subject == "sub:subject-1"
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, actor_id=user.pk, object_id=str(user.pk), summary__contains="bound"
    ).exists()


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_bound_account_is_found_by_subject_when_the_provider_email_changes_to_another_accounts(make_user):
    sam = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    other = make_user(Role.TEAM_MANAGER, "tm", email="alex.manager@council.invalid")
    assert _authenticate(SAM, {"sub": "subject-1"}) == sam

    moved = {"email": "alex.manager@council.invalid", "email_verified": True}
    assert _authenticate(moved, {"sub": "subject-1"}) == sam
    other.refresh_from_db()
    assert other.identity_provider_subject == ""


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_another_provider_account_is_refused_when_the_email_is_reused_for_a_bound_account(make_user):
    sam = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    assert _authenticate(SAM, {"sub": "subject-1"}) == sam

    assert _authenticate(SAM, {"sub": "subject-2"}) is None
    sam.refresh_from_db()
    assert sam.identity_provider_subject == "sub:subject-1"
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, object_id=str(sam.pk), summary__contains="another provider"
    ).exists()


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_sign_in_is_refused_when_userinfo_subject_is_not_the_id_tokens(make_user):
    make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    assert _authenticate({**SAM, "sub": "someone-else"}, {"sub": "subject-1"}) is None


@pytest.mark.django_db
@override_settings(**PROVIDER, HARBOUR_OIDC_SUBJECT="oid")
def test_entra_object_and_tenant_ids_identify_the_account_when_configured(make_user):
    sam = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    token = {"sub": "pairwise-1", "oid": "object-1", "tid": "tenant-1"}
    assert _authenticate(SAM, token) == sam
    sam.refresh_from_db()
    assert sam.identity_provider_subject == "oid:tenant-1:object-1"

    assert _authenticate(SAM, {"sub": "pairwise-1", "oid": "object-1", "tid": "tenant-2"}) is None
    assert _authenticate(SAM, {"sub": "pairwise-1"}) is None


@pytest.mark.parametrize(
    ("claims", "proved"),
    [
        ({"amr": ["mfa"]}, True),
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": ["pwd", "hwk"]}, True),
        ({"amr": ["fpt", "swk"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": ["otp", "hwk"]}, False),  # two things held are one kind of factor
        ({"amr": ["pwd", "pin"]}, False),
        ({"amr": "pwd"}, False),
        ({}, False),
        ({"acr": "urn:council:loa:mfa"}, False),
    ],
)
def test_provider_sign_in_counts_as_two_factor_only_when_amr_says_so(claims, proved):
    assert provider_proved_two_factor(claims) is proved


@override_settings(HARBOUR_OIDC_MFA_ACR=["urn:council:loa:mfa"], HARBOUR_OIDC_MFA_AMR=["mfa", "ngcmfa"])
def test_provider_sign_in_counts_as_two_factor_when_acr_or_amr_value_is_configured():
    assert provider_proved_two_factor({"acr": "urn:council:loa:mfa"})
    assert provider_proved_two_factor({"amr": ["ngcmfa"]})
    assert not provider_proved_two_factor({"acr": "urn:council:loa:password"})


def _callback(client, id_claims, userinfo=SAM):
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start.url.startswith(PROVIDER["OIDC_OP_AUTHORIZATION_ENDPOINT"])
    state_key = next(iter(client.session["oidc_states"]))
    with (
        mock.patch.object(
            HarbourOIDCBackend, "get_token", return_value={"id_token": "i", "access_token": "a"}
        ),
        mock.patch.object(HarbourOIDCBackend, "verify_token", return_value=id_claims),
        mock.patch.object(HarbourOIDCBackend, "get_userinfo", return_value=userinfo),
        override_settings(
            AUTHENTICATION_BACKENDS=[
                "rules.permissions.ObjectPermissionBackend",
                "accounts.oidc.HarbourOIDCBackend",
            ]
        ),
    ):
        return client.get("/oidc/callback/", {"code": "abc", "state": state_key})


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_callback_signs_in_and_audits_when_provider_proved_multi_factor(client, make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    response = _callback(client, {"sub": "1", "amr": ["pwd", "mfa"]})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[SIGN_IN_METHOD] == "oidc+provider_mfa" in TWO_FACTOR_METHODS
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, changes__method="oidc+provider_mfa", actor_id=user.pk
    ).exists()


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_callback_asks_for_harbours_code_when_provider_did_not_prove_multi_factor(client, make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    secret = twofactor.new_secret()
    TotpDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())

    response = _callback(client, {"sub": "1", "amr": ["pwd"]})

    assert response.status_code == 302 and response.url == "/accounts/sign-in/code/"
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action=AuditAction.SIGN_IN).exists()

    done = client.post("/accounts/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[SIGN_IN_METHOD] == "oidc+totp" in TWO_FACTOR_METHODS
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, changes__method="oidc+totp", actor_id=user.pk
    ).exists()


@pytest.mark.django_db
@override_settings(**PROVIDER)
def test_callback_sends_to_set_up_when_provider_did_not_prove_multi_factor_and_no_authenticator(
    client, make_user
):
    make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")

    response = _callback(client, {"sub": "1"})
    assert response.status_code == 302 and response.url == "/accounts/sign-in/code/"
    assert "_auth_user_id" not in client.session
    assert client.get(response.url).url == "/accounts/two-factor/set-up/"
