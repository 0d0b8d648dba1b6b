"""Ending a user's sessions everywhere, and whether this session used two-factor sign-in.

Sessions are kept in the database (Django's default engine, or `cached_db`), so an
administrator can end another user's sessions: each stored session that belongs to the
user is deleted through the engine's own store (so a cache copy goes too).
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone

from .models import User

# How this session signed in (set by the sign-in views; `accounts.views.signing_in._complete_sign_in`).
SIGN_IN_METHOD = "auth.sign_in_method"
# Methods that proved a second factor: Harbour's code after a password or after the council's
# provider, or the provider's own multi-factor sign-in when its ID token says so (ADR 0011).
# A bare "oidc" sign-in (no second factor) does not count.
TWO_FACTOR_METHODS = frozenset(
    {
        f"{first}+{second}"
        for first in ("password", "oidc")
        for second in ("totp", "recovery_code", "totp_enrolment")
    }
    | {"oidc+provider_mfa"}
)


def signed_in_with_two_factor(request: HttpRequest) -> bool:
    return request.session.get(SIGN_IN_METHOD) in TWO_FACTOR_METHODS


def end_sessions(user: User) -> int:
    """Delete every unexpired session of `user`; returns how many were ended."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended
