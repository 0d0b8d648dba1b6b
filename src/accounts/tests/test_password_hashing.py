"""Passwords are hashed with Argon2; one hashed before (PBKDF2) is re-hashed at sign-in."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from accounts.permissions import Role
from config.settings import base

PASSWORD = "harbour-test-password"  # noqa: S105


def test_argon2_hashes_new_passwords_and_the_older_hashers_still_check_old_ones():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS[1:]


def test_the_test_suite_keeps_a_fast_hasher():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_a_pbkdf2_password_is_rehashed_with_argon2_when_its_owner_signs_in(client, make_user):
    user = make_user(Role.EARLY_HELP, "eh.worker")
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk=user.pk).update(password=hasher.encode(PASSWORD, hasher.salt(), iterations=1000))

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        response = client.post(reverse("accounts:sign_in"), {"username": "eh.worker", "password": PASSWORD})
        user.refresh_from_db()
        assert identify_hasher(user.password).algorithm == "argon2"
        assert user.check_password(PASSWORD)

    assert response.status_code == 302  # on to the code step: the password was right
