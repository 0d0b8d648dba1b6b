"""The last-user cookie names whoever signed in last on this browser (ADR 0009)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import twofactor
from accounts.models import TotpDevice
from accounts.permissions import Role
from core.middleware import LAST_USER_COOKIE, IdleSessionMiddleware

PASSWORD = "harbour-test-password"  # noqa: S105


def _sign_in(client, user):
    secret = twofactor.new_secret()
    TotpDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())
    client.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    response = client.post(reverse("accounts:two_factor"), {"code": twofactor.current_code(secret)})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk
    return response


def _signed(user_id):
    holder = HttpResponse()
    holder.set_signed_cookie(LAST_USER_COOKIE, str(user_id), salt="harbour.last-user")
    return holder.cookies[LAST_USER_COOKIE].value


def _named(response):
    request = RequestFactory().get("/")
    request.COOKIES[LAST_USER_COOKIE] = response.cookies[LAST_USER_COOKIE].value
    return IdleSessionMiddleware._last_user(request)


@pytest.mark.django_db
def test_cookie_names_the_new_user_when_another_signs_in_on_the_same_browser(client, make_user):
    earlier = make_user(Role.SOCIAL_WORKER, username="earlier.worker")
    later = make_user(Role.SOCIAL_WORKER, username="later.worker")
    client.cookies[LAST_USER_COOKIE] = _signed(earlier.pk)

    response = _sign_in(client, later)

    assert _named(response) == later.pk


@pytest.mark.django_db
def test_cookie_signed_afresh_when_the_same_user_signs_in_again(client, make_user):
    worker = make_user(Role.SOCIAL_WORKER, username="same.worker")
    client.cookies[LAST_USER_COOKIE] = _signed(worker.pk)

    response = _sign_in(client, worker)

    assert _named(response) == worker.pk
    assert response.cookies[LAST_USER_COOKIE]["max-age"] == 7 * 24 * 3600


@pytest.mark.django_db
def test_cookie_left_alone_on_ordinary_pages_when_it_names_the_user(client, make_user):
    worker = make_user(Role.SOCIAL_WORKER, username="busy.worker")
    _sign_in(client, worker)

    response = client.get("/people/search/")

    assert LAST_USER_COOKIE not in response.cookies
