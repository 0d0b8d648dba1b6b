"""Idle sessions end; nothing typed is lost (ADR 0009)."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from core import drafts
from core.middleware import LAST_ACTIVITY
from core.models import Draft


def _age_session(client, seconds):
    session = client.session
    session[LAST_ACTIVITY] = time.time() - seconds
    session.save()


@pytest.mark.django_db
def test_session_ends_when_idle_longer_than_setting(client_for, social_worker, settings):
    client = client_for(social_worker)
    client.get("/people/search/")
    _age_session(client, settings.HARBOUR_IDLE_SECONDS + 5)

    response = client.get("/people/search/")

    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "inactive for a while" in page


@pytest.mark.django_db
def test_session_continues_when_active_within_setting(client_for, social_worker, settings):
    client = client_for(social_worker)
    client.get("/people/search/")
    _age_session(client, settings.HARBOUR_IDLE_SECONDS - 60)

    assert client.get("/people/search/").status_code == 200


@pytest.mark.django_db
def test_status_does_not_extend_session_when_polled(client_for, social_worker, settings):
    client = client_for(social_worker)
    client.get("/people/search/")
    _age_session(client, 100)

    data = client.get(reverse("core:session_status")).json()

    assert settings.HARBOUR_IDLE_SECONDS - 110 <= data["expires_in"] <= settings.HARBOUR_IDLE_SECONDS - 95
    assert client.session[LAST_ACTIVITY] < time.time() - 90


@pytest.mark.django_db
def test_keep_alive_extends_session_when_posted(client_for, social_worker, settings):
    client = client_for(social_worker)
    client.get("/people/search/")
    _age_session(client, settings.HARBOUR_IDLE_SECONDS - 30)

    response = client.post(reverse("core:keep_alive"), HTTP_ACCEPT="application/json")

    assert response.json()["expires_in"] == settings.HARBOUR_IDLE_SECONDS
    assert client.session[LAST_ACTIVITY] > time.time() - 5


@pytest.mark.django_db
def test_form_posted_after_expiry_is_kept_and_offered_back_when_signed_in_again(
    social_worker, child, settings
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)
    page = client.get(f"/people/{child.pk}/edit/")
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    _age_session(client, settings.HARBOUR_IDLE_SECONDS + 5)

    response = client.post(
        f"/people/{child.pk}/edit/",
        {"csrfmiddlewaretoken": token, "given_name": "Typed but not saved", "version": "1"},
    )
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")

    signed_in = client.post(
        "/accounts/sign-in/",
        {
            "csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value,
            "username": "social.worker",
            "password": "harbour-test-password",
            "next": f"/people/{child.pk}/edit/",
        },
    )
    # Social workers use two-factor: finish it.
    from accounts import twofactor

    device = twofactor.start_enrolment(social_worker)
    signed_in = client.post(
        reverse("accounts:enrol"),
        {
            "csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value,
            "code": twofactor.current_code(device.secret),
        },
    )
    assert signed_in.status_code == 302
    draft = Draft.objects.get(user=social_worker)
    assert draft.url == f"/people/{child.pk}/edit/" and draft.from_expired_session
    assert draft.data["given_name"] == ["Typed but not saved"]
    assert "csrfmiddlewaretoken" not in draft.data
    assert client.session["twofactor.after_codes"] == reverse("core:draft", args=[draft.pk])
    kept = client.get(reverse("core:draft", args=[draft.pk])).content.decode()
    assert "Typed but not saved" in kept and "Send it again" in kept


@pytest.mark.django_db
def test_form_posted_after_expiry_is_not_kept_when_csrf_token_missing(
    client_for, social_worker, child, settings
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)
    client.get(f"/people/{child.pk}/edit/")
    _age_session(client, settings.HARBOUR_IDLE_SECONDS + 5)

    client.post(f"/people/{child.pk}/edit/", {"given_name": "Forged"})

    assert drafts.PENDING_KEY not in client.session


@pytest.mark.django_db
def test_another_user_does_not_get_the_kept_form_when_signing_in_on_same_browser(
    client_for, social_worker, make_user, child, settings
):
    client = client_for(social_worker)
    client.get("/people/search/")
    _age_session(client, settings.HARBOUR_IDLE_SECONDS + 5)
    client.post(f"/people/{child.pk}/edit/", {"given_name": "Private"})
    other = make_user("early_help", "analyst")

    client.post("/accounts/sign-in/", {"username": "analyst", "password": "harbour-test-password"})

    assert not Draft.objects.filter(user=other).exists()


@pytest.mark.django_db
def test_save_draft_keeps_answers_when_button_pressed_without_javascript(client_for, social_worker, child):
    client = client_for(social_worker)

    response = client.post(
        reverse("core:save_draft"),
        {"_draft_url": f"/people/{child.pk}/edit/", "given_name": "Half typed", "csrfmiddlewaretoken": "x"},
    )

    draft = Draft.objects.get(user=social_worker)
    assert response.status_code == 302 and response.url == reverse("core:draft", args=[draft.pk])
    assert draft.data == {"given_name": ["Half typed"]}


@pytest.mark.django_db
def test_current_draft_is_returned_when_script_asks(client_for, social_worker):
    client = client_for(social_worker)
    drafts.save(social_worker, "/x/form/", {"note": "hello"})

    data = client.get(reverse("core:current_draft"), {"url": "/x/form/"}).json()

    assert data["draft"]["data"] == {"note": ["hello"]}


@pytest.mark.django_db
def test_drafts_of_other_users_are_not_visible_when_requested(client_for, social_worker, make_user):
    other = make_user("social_worker", "other.worker")
    draft = drafts.save(other, "/x/form/", {"note": "secret"})
    client = client_for(social_worker)

    assert client.get(reverse("core:draft", args=[draft.pk])).status_code == 404
    assert client.get(reverse("core:current_draft"), {"url": "/x/form/"}).json() == {"draft": None}


@pytest.mark.django_db
def test_draft_is_discarded_when_form_submitted_successfully(client_for, social_worker):
    client = client_for(social_worker)
    drafts.save(social_worker, reverse("core:notifications_read"), {"note": "typed"})
    drafts.save(social_worker, "/another/form/", {"note": "kept"})

    response = client.post(reverse("core:notifications_read"))  # a POST that succeeds (redirects)

    assert response.status_code == 302
    assert list(Draft.objects.values_list("url", flat=True)) == ["/another/form/"]


def test_draft_excludes_secrets_when_cleaned():
    cleaned = drafts.clean_data({"password": "x", "csrfmiddlewaretoken": "y", "code": "1", "note": "z"})
    assert cleaned == {"note": ["z"]}


@pytest.mark.django_db
def test_empty_drafts_are_not_saved_when_nothing_typed(social_worker):
    assert drafts.save(social_worker, "/x/", {"note": "  "}) is None
    assert not Draft.objects.exists()


def test_timeout_settings_have_warning_before_expiry(settings):
    assert 0 < settings.HARBOUR_IDLE_WARNING_SECONDS < settings.HARBOUR_IDLE_SECONDS
    assert timedelta(seconds=settings.HARBOUR_IDLE_SECONDS) <= timedelta(hours=8)
