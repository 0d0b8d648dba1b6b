"""A session ends a working day after sign-in, however active the user has been (ADR 0009)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import twofactor
from accounts.models import TotpDevice
from audit.models import AuditAction, AuditEvent
from core.middleware import SIGNED_IN_AT

PASSWORD = "harbour-test-password"  # noqa: S105


def _sign_in(client, user):
    secret = twofactor.new_secret()
    TotpDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())
    client.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    import pyotp

    response = client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_sign_in_records_when_the_session_began(client, social_worker, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    _sign_in(client, social_worker)

    assert client.session[SIGNED_IN_AT] == pytest.approx(timezone.now().timestamp())


@pytest.mark.django_db
def test_session_ends_after_absolute_lifetime_when_active_all_day(
    client, social_worker, settings, time_machine
):
    settings.HARBOUR_SESSION_ABSOLUTE_SECONDS = 10 * 3600
    time_machine.move_to(timezone.now(), tick=False)
    _sign_in(client, social_worker)
    for _ in range(10 * 3 - 1):  # a request every 20 minutes: never idle
        time_machine.shift(timedelta(minutes=20))
        assert client.get("/people/search/").status_code == 200

    time_machine.shift(timedelta(minutes=21))
    response = client.get("/people/search/")

    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "you have been signed in for 10 hours" in page
    event = AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=social_worker).get()
    assert event.changes == {"reason": "absolute"}
    assert "longer than the session allows" in event.summary


@pytest.mark.django_db
def test_session_continues_before_absolute_lifetime(client, social_worker, settings, time_machine):
    settings.HARBOUR_SESSION_ABSOLUTE_SECONDS = 3600
    time_machine.move_to(timezone.now(), tick=False)
    _sign_in(client, social_worker)
    time_machine.shift(timedelta(minutes=25))
    client.get("/people/search/")
    time_machine.shift(timedelta(minutes=25))

    assert client.get("/people/search/").status_code == 200
    status = client.get(reverse("core:session_status")).json()
    assert status["expires_in"] == 10 * 60  # the absolute end comes before the idle one


@pytest.mark.django_db
def test_keep_alive_cannot_extend_past_absolute_lifetime(client, social_worker, settings, time_machine):
    settings.HARBOUR_SESSION_ABSOLUTE_SECONDS = 3600
    time_machine.move_to(timezone.now(), tick=False)
    _sign_in(client, social_worker)
    time_machine.shift(timedelta(minutes=55))

    response = client.post(reverse("core:keep_alive"), HTTP_ACCEPT="application/json")

    assert response.json()["expires_in"] == 5 * 60
