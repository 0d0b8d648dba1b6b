"""Sign-in through the council's identity provider (OpenID Connect, ADR 0011).

Enabled only when `HARBOUR_OIDC_RP_CLIENT_ID` and the provider endpoints are set.
A provider account signs in to an EXISTING, active Harbour account with the same e-mail
address (roles and teams are given by administrators, never by the provider). The
provider's own multi-factor policy applies; Harbour's TOTP step is for local accounts.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from audit import services as auditor
from audit.models import AuditAction
from core.http import public
from core.middleware import mark_signed_in

from .sessions import SIGN_IN_METHOD


class HarbourOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(email__iexact=email, is_active=True)


class CallbackView(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        response = super().login_success()
        mark_signed_in(self.request)
        self.request.session[SIGN_IN_METHOD] = "oidc"
        auditor.record(
            actor=self.user, action=AuditAction.SIGN_IN, summary="Signed in", changes={"method": "oidc"}
        )
        return response

    def login_failure(self) -> HttpResponse:
        auditor.record(actor=None, action=AuditAction.SIGN_IN_FAILED, summary="Council sign-in refused")
        return super().login_failure()


authentication_init = public(OIDCAuthenticationRequestView.as_view())
authentication_callback = public(CallbackView.as_view())
