"""Two-factor secrets are encrypted at rest and sign-in with a code still works (issue 19)."""

import importlib
from types import SimpleNamespace

import pyotp
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts import twofactor
from accounts.models import TotpDevice
from core import encryption

PASSWORD = "harbour-test-password"  # noqa: S105


def _stored(device: TotpDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


@pytest.fixture
def enrolled(social_worker):
    secret = twofactor.new_secret()
    device = TotpDevice.objects.create(user=social_worker, secret=secret, confirmed_at=timezone.now())
    return device, secret


@pytest.mark.django_db
def test_totp_secret_column_holds_no_clear_secret_when_saved(enrolled):
    device, secret = enrolled

    stored = _stored(device)

    assert secret not in stored and stored.startswith("gAAAA")  # a Fernet token
    assert TotpDevice.objects.get(pk=device.pk).secret == secret


@pytest.mark.django_db
def test_sign_in_with_code_works_when_secret_encrypted(client, enrolled):
    device, secret = enrolled
    client.post(reverse("accounts:sign_in"), {"username": "social.worker", "password": PASSWORD})

    response = client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(secret).now()})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == device.user_id


@pytest.mark.django_db
def test_secret_is_refused_when_field_keys_are_not_the_ones_it_was_written_with(enrolled, settings):
    device, _ = enrolled
    settings.HARBOUR_FIELD_KEYS = [encryption.new_key()]

    with pytest.raises(encryption.FieldKeyError):
        TotpDevice.objects.get(pk=device.pk)


@pytest.mark.django_db
def test_migration_encrypts_secrets_stored_in_clear_when_run(enrolled):
    device, secret = enrolled
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_totpdevice SET secret = %s WHERE id = %s", [secret, device.pk])
    migration = importlib.import_module(
        "accounts.migrations.0001_squashed_0006_user_identity_provider_subject"
    )

    migration.encrypt_secrets(apps, SimpleNamespace(connection=connection))

    assert secret not in _stored(device)
    assert TotpDevice.objects.get(pk=device.pk).secret == secret


@pytest.mark.django_db
def test_rotation_re_encrypts_under_new_key_when_old_key_kept_second(enrolled, settings):
    device, secret = enrolled
    old, new = encryption.new_key(), encryption.new_key()
    settings.HARBOUR_FIELD_KEYS = [old]
    TotpDevice.objects.filter(pk=device.pk).update(secret=secret)
    settings.HARBOUR_FIELD_KEYS = [new, old]

    call_command("rotate_field_keys", verbosity=0)

    settings.HARBOUR_FIELD_KEYS = [new]
    assert TotpDevice.objects.get(pk=device.pk).secret == secret


def test_production_refuses_to_start_when_no_field_keys(monkeypatch):
    import sys

    from django.core.exceptions import ImproperlyConfigured

    from config.settings import base

    monkeypatch.setattr(base, "SECRET_KEY", "x" * 50)
    monkeypatch.setattr(base, "HARBOUR_FIELD_KEYS", [])
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)

    with pytest.raises(ImproperlyConfigured, match="HARBOUR_FIELD_KEYS"):
        importlib.import_module("config.settings.production")
