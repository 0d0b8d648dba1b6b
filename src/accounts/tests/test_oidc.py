"""Sign-in through the council's identity provider, with a mocked provider."""

from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory, override_settings

from accounts.oidc import HarbourOIDCBackend
from accounts.permissions import Role
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


def _callback_request():
    request = RequestFactory().get("/oidc/callback/", {"code": "abc", "state": "xyz"})
    SessionMiddleware(lambda r: None).process_request(request)
    return request


def _authenticate(claims):
    backend = HarbourOIDCBackend()
    with (
        mock.patch.object(backend, "get_token", return_value={"id_token": "id", "access_token": "at"}),
        mock.patch.object(backend, "verify_token", return_value={"sub": "123"}),
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
def test_callback_signs_in_and_audits_when_provider_answers(client, make_user):
    user = make_user(Role.SOCIAL_WORKER, "sw", email="sam.worker@council.invalid")
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start.url.startswith(PROVIDER["OIDC_OP_AUTHORIZATION_ENDPOINT"])
    state = client.session["oidc_states"]
    state_key = next(iter(state))

    with (
        mock.patch.object(
            HarbourOIDCBackend, "get_token", return_value={"id_token": "i", "access_token": "a"}
        ),
        mock.patch.object(HarbourOIDCBackend, "verify_token", return_value={"sub": "1"}),
        mock.patch.object(
            HarbourOIDCBackend,
            "get_userinfo",
            return_value={"email": "sam.worker@council.invalid", "email_verified": True},
        ),
        override_settings(
            AUTHENTICATION_BACKENDS=[
                "rules.permissions.ObjectPermissionBackend",
                "accounts.oidc.HarbourOIDCBackend",
            ]
        ),
    ):
        response = client.get("/oidc/callback/", {"code": "abc", "state": state_key})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, changes__method="oidc", actor_id=user.pk
    ).exists()
