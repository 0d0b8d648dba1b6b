"""Sign-in through the council's identity provider (OpenID Connect, ADR 0011).

Enabled only when `HARBOUR_OIDC_RP_CLIENT_ID` and the provider endpoints are set.
A provider account signs in to an EXISTING, active Harbour account (roles and teams are
given by administrators, never by the provider), found by the provider's subject: `sub`,
or Entra ID's `oid` with its `tid` (`HARBOUR_OIDC_SUBJECT`), read from the verified ID token.
The first council sign-in binds the subject to the one active account whose e-mail matches
the provider's verified e-mail claim, and only if that account has no subject yet; after
that the subject alone finds the account, so an e-mail changed (or re-used) at the
provider never moves a sign-in to another account.

The provider's sign-in counts as the second factor only when its ID token says so
(`provider_proved_two_factor`); otherwise Harbour asks for its own code, as after a password.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from audit import services as auditor
from audit.models import AuditAction
from core.http import public
from core.middleware import mark_signed_in

from . import services, twofactor
from .models import User
from .sessions import SIGN_IN_METHOD
from .views.signing_in import _safe_next, start_second_factor

BACKEND = "accounts.oidc.HarbourOIDCBackend"
# Set on the user `authenticate` returns: whether the provider proved a second factor.
PROVIDER_TWO_FACTOR = "provider_two_factor"

# RFC 8176 authentication method reference values, by kind of factor. Two kinds together
# (something known and something held, say "pwd" and "otp") make a multi-factor sign-in.
AMR_FACTOR_KINDS = {
    "knowledge": frozenset({"pwd", "pin", "kba"}),
    "possession": frozenset({"hwk", "swk", "otp", "sms", "tel", "sc"}),
    "inherence": frozenset({"fpt", "face", "iris", "retina", "vbm"}),
}


def subject_of(claims: dict[str, Any]) -> str:
    """The provider's stable identifier for the account, as stored on `User`, or "" if absent."""
    kind = settings.HARBOUR_OIDC_SUBJECT
    if kind == "sub":
        sub = str(claims.get("sub") or "").strip()
        return f"sub:{sub}" if sub else ""
    if kind == "oid":
        oid, tid = (str(claims.get(name) or "").strip() for name in ("oid", "tid"))
        return f"oid:{tid}:{oid}" if oid and tid else ""
    raise ImproperlyConfigured('HARBOUR_OIDC_SUBJECT must be "sub" or "oid"')


def provider_proved_two_factor(claims: dict[str, Any]) -> bool:
    """The ID token's `amr` names a configured multi-factor value (by default "mfa") or two
    kinds of factor, or its `acr` is one of the configured multi-factor levels."""
    amr = claims.get("amr") or []
    methods = {str(m) for m in ([amr] if isinstance(amr, str) else amr)}
    if methods & set(settings.HARBOUR_OIDC_MFA_AMR):
        return True
    if sum(1 for values in AMR_FACTOR_KINDS.values() if methods & values) >= 2:
        return True
    acr = str(claims.get("acr") or "")
    return bool(acr) and acr in set(settings.HARBOUR_OIDC_MFA_ACR)


def account_for(id_claims: dict[str, Any], userinfo: dict[str, Any]) -> User | None:
    """The Harbour account this provider account signs in to, binding it at first sign-in."""
    subject = subject_of(id_claims)
    if not subject:
        return None
    bound = User.objects.filter(identity_provider_subject=subject).first()
    if bound is not None:
        return bound if bound.is_active else None
    email = str(userinfo.get("email") or "").strip()
    if not email or userinfo.get("email_verified") is not True:
        return None
    matches = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
    if len(matches) != 1:
        return None
    user = matches[0]
    if user.identity_provider_subject:
        auditor.record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            obj=user,
            summary="Council sign-in refused: the account is bound to another provider account",
        )
        return None
    try:
        return services.bind_identity_provider(actor=user, subject=subject)
    except (IntegrityError, ValidationError):  # bound meanwhile by another sign-in
        return None


class HarbourOIDCBackend(OIDCAuthenticationBackend):
    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """`payload` is the verified ID token; the user-info answer gives the e-mail, and its
        `sub` must be the token's (OpenID Connect Core 5.3.2)."""
        userinfo = self.get_userinfo(access_token, id_token, payload) or {}
        if "sub" in userinfo and str(userinfo["sub"]) != str(payload.get("sub")):
            return None
        user = account_for(payload, userinfo)
        if user is not None:
            setattr(user, PROVIDER_TWO_FACTOR, provider_proved_two_factor(payload))
        return user


class CallbackView(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        user: User = self.user
        if not getattr(user, PROVIDER_TWO_FACTOR, False) and twofactor.requires_totp(user):
            next_url = _safe_next(self.request, self.request.session.get("oidc_login_next") or "")
            start_second_factor(self.request, user, next_url, first_factor="oidc", backend=BACKEND)
            return redirect("accounts:two_factor")
        method = "oidc+provider_mfa" if getattr(user, PROVIDER_TWO_FACTOR, False) else "oidc"
        response = super().login_success()
        mark_signed_in(self.request)
        self.request.session[SIGN_IN_METHOD] = method
        auditor.record(
            actor=self.user, action=AuditAction.SIGN_IN, summary="Signed in", changes={"method": method}
        )
        return response

    def login_failure(self) -> HttpResponse:
        auditor.record(actor=None, action=AuditAction.SIGN_IN_FAILED, summary="Council sign-in refused")
        return super().login_failure()


authentication_init = public(OIDCAuthenticationRequestView.as_view())
authentication_callback = public(CallbackView.as_view())
