"""Security headers, CSP, CSRF, cookies; no personal data in application logs; no lost updates."""

import logging
from datetime import date

import pytest
from django.test import Client

from core.tests.form_data import date_input
from people.models import Person


@pytest.mark.django_db
def test_pages_send_strict_security_headers_when_served(client_for, social_worker, child):
    response = client_for(social_worker).get(f"/people/{child.pk}/")

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in next(d for d in csp.split(";") if d.strip().startswith("style-src"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_when_rendered(client_for, social_worker, child):
    response = client_for(social_worker).get(f"/people/{child.pk}/edit/")
    html = response.content.decode()
    nonce = response.headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]

    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        # Files from 'self'; the only inline script is GOV.UK's one-line js-enabled class, with the nonce.
        assert "src=" in opening or f'nonce="{nonce}"' in opening, "inline <script> without the nonce"
    assert " onclick=" not in html and " onload=" not in html


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused_when_signed_in(social_worker, child):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)

    response = client.post(f"/people/{child.pk}/edit/", {"given_name": "X"})

    assert response.status_code == 403


def test_cookies_are_httponly_and_samesite_when_configured(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_production_cookies_are_secure_when_not_debug(monkeypatch):
    import importlib

    from config.settings import base

    monkeypatch.setattr(base, "SECRET_KEY", "x" * 50)
    monkeypatch.setattr(base, "HARBOUR_FIELD_KEYS", ["k"])
    monkeypatch.setattr(base, "HARBOUR_AUDIT_KEYS", ["k1:" + "s" * 43])
    production = importlib.import_module("config.settings.production")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000


@pytest.fixture
def captured_logs():
    """Capture what the configured handlers would write (through the redaction filter)."""
    from core.logging import RedactPersonalDataFilter

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    handler.addFilter(RedactPersonalDataFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    yield records
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.mark.django_db
def test_logs_hold_no_names_dates_of_birth_or_nhs_numbers_when_real_requests_made(
    client_for, social_worker, child, captured_logs
):
    client = client_for(social_worker)
    nhs = "943 476 5919"
    # Searches (names, DOB, NHS number in the query string), a rejected form (400 is
    # logged by Django with the path), a missing page (404), and a record page.
    client.post("/people/search/", {"q": "Amelia Hughes", "nhs_number": nhs}, follow=True)
    client.post(
        "/people/search/",
        {"q": "Amelia", **date_input("date_of_birth", date(2015, 3, 27))},
        follow=True,
    )
    client.post(
        "/people/new/",
        {
            "record_type": "CHILD",
            "given_name": "Zebedee",
            "family_name": "Quintrell",
            "nhs_number": "123",
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "2016",
        },
    )
    client.get("/people/999999/?name=Zebedee+Quintrell&dob=2016-02-28")
    client.get(f"/people/{child.pk}/")
    client.get("/timescales/", {"rule": "junk", "start-day": "99"})

    output = "\n".join(captured_logs)
    assert captured_logs, "the requests should have produced some log lines"
    for personal in ("Amelia", "Hughes", "Zebedee", "Quintrell", "9434765919", nhs, "2015", "2016-02-28"):
        assert personal not in output, f"{personal!r} reached the logs:\n{output}"


@pytest.mark.django_db
def test_conflicting_edit_shows_both_versions_when_someone_saved_first(
    client_for, social_worker, child, make_user
):
    other = make_user("social_worker", "other.worker")
    from people import services

    services.update_person(
        actor=other, person=child, data={"given_name": "Amy"}, expected_version=child.version
    )
    mine = client_for(social_worker)
    data = {
        "record_type": "CHILD",
        "given_name": "Amelie",
        "family_name": "Hughes",
        "sex": "F",
        "ethnicity": "WBRI",
        "gender": "0",
        "version": str(child.version),
        **date_input("date_of_birth", date(2015, 3, 27)),
    }

    response = mine.post(f"/people/{child.pk}/edit/", data)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Amy" in html and "Amelie" in html  # both versions
    assert Person.objects.get(pk=child.pk).given_name == "Amy"  # nothing overwritten
