"""Two-factor sign-in: setting up an authenticator app, recovery codes, the settings page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit import services as auditor
from audit.models import AuditAction
from core.forms import submitted
from core.http import AuthenticatedHttpRequest, authenticated, public

from .. import lockout, services, twofactor
from ..forms import EnrolForm, NewRecoveryCodesForm
from ..models import SignInAttempt, TotpDevice, User
from .signing_in import (
    NEW_RECOVERY_CODES,
    _expired_page,
    _finish_pending,
    _locked_message,
    _pending_user,
    _record_failure,
    _record_refused_while_locked,
    _safe_next,
)


def _enrol_context(user: User, device: TotpDevice) -> dict[str, Any]:
    uri = twofactor.provisioning_uri(user, device.secret)
    spaced = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    return {"secret": spaced, "secret_raw": device.secret, "uri": uri, "qr_svg": twofactor.qr_svg(uri)}


@public
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: the secret as text, as an otpauth URI and as a QR code."""
    signed_in = request.user.is_authenticated
    user: User | None = request.user if signed_in else _pending_user(request)  # type: ignore[assignment]
    if user is None:
        return _expired_page(request)
    device = twofactor.start_enrolment(user)
    if device.confirmed:
        return redirect("accounts:two_factor_settings" if signed_in else "accounts:two_factor")
    form = EnrolForm(request.POST or None)
    state = lockout.state(user.username, lockout.client_ip(request)) if not signed_in else None
    if request.method == "POST" and form.is_valid() and state is not None and state.locked:
        _record_refused_while_locked(user, request, state)
        form.add_error("code", _locked_message(state))
    elif request.method == "POST" and form.is_valid():
        if twofactor.verify_code(device, form.cleaned_data["code"]):
            codes = twofactor.new_recovery_codes(user)
            if user.must_enrol_two_factor:
                user.must_enrol_two_factor = False
                user.save(update_fields=["must_enrol_two_factor"])
            auditor.record(
                actor=user, action=AuditAction.UPDATE, obj=device, summary="Two-factor sign-in set up"
            )
            if signed_in:
                request.session[NEW_RECOVERY_CODES] = codes
                return redirect("accounts:recovery_codes")
            response = _finish_pending(request, user, "totp_enrolment")
            request.session[NEW_RECOVERY_CODES] = codes
            request.session["twofactor.after_codes"] = response["Location"]
            return redirect("accounts:recovery_codes")
        _record_failure(
            user.username,
            lockout.client_ip(request),
            "Two-factor enrolment code refused",
            factor=SignInAttempt.Factor.CODE,
            actor=user,
        )
        form.add_error(
            "code", "The code is not correct – check the time on your phone and enter the current code"
        )
    context = {
        "form": form,
        "required": twofactor.account_requires_totp(user) or user.must_enrol_two_factor,
        "page_has_errors": bool(form.errors),
        **_enrol_context(user, device),
    }
    return render(request, "accounts/enrol.jinja", context, status=400 if form.errors else 200)


@authenticated
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Shows newly made recovery codes once; afterwards only how many remain."""
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    after = request.session.pop("twofactor.after_codes", "") or ""
    return render(
        request,
        "accounts/recovery_codes.jinja",
        {
            "codes": codes,
            "remaining": twofactor.remaining_recovery_codes(request.user),
            "continue_url": _safe_next(request, after) or "/",
        },
    )


@authenticated
@require_http_methods(["GET", "POST"])
def two_factor_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    form = NewRecoveryCodesForm(request.POST if request.method == "POST" else None)
    if device is not None and (
        made := submitted(
            request,
            form,
            lambda data: services.new_recovery_codes(
                actor=user, code=data["code"], ip=lockout.client_ip(request)
            ),
        )
    ):
        request.session[NEW_RECOVERY_CODES] = made.result
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/two_factor_settings.jinja",
        {
            "device": device,
            "form": form,
            "page_has_errors": bool(form.errors),
            "required": twofactor.account_requires_totp(user),
            "remaining": twofactor.remaining_recovery_codes(user),
        },
        status=400 if form.errors else 200,
    )
