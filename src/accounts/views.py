"""The start page (each role's), sign-in (password, lockout, two-factor), sign-out, two-factor
enrolment, and the administrators' pages: user accounts (reset two-factor, unlock sign-in),
dormant accounts."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from audit import services as auditor
from audit.models import AuditAction
from core import drafts, search_terms
from core.forms import submitted
from core.http import AuthenticatedHttpRequest, authenticated, public
from core.middleware import EXPIRED_FLAG, mark_signed_in
from core.presenters import counted

from . import dormancy, lockout, services, sessions, twofactor
from .decorators import requires
from .forms import CodeForm, EnrolForm, NewRecoveryCodesForm, ResetTwoFactorForm, SignInForm, UnlockForm
from .models import SignInAttempt, Team, TotpDevice, User
from .permissions import Permission, Role

PENDING_USER = "twofactor.pending_user"
PENDING_AT = "twofactor.pending_at"
PENDING_NEXT = "twofactor.next"
PENDING_BACKEND = "twofactor.backend"
NEW_RECOVERY_CODES = "twofactor.new_codes"
PENDING_SECONDS = 5 * 60


@authenticated
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page: where each role's day begins. A team manager's is their team's page
    (the list of teams when they manage several)."""
    user = request.user
    if user.role == Role.TEAM_MANAGER.value and user.has_perm(Permission.VIEW_TEAM_WORK.value):
        managed = list(Team.objects.filter(manager=user, is_active=True).values_list("pk", flat=True)[:2])
        if len(managed) > 1:
            return redirect("workforce:teams")
        team_id = managed[0] if managed else user.team_id if user.team and user.team.is_active else None
        if team_id is not None:
            return redirect("workforce:team", team_id=team_id)
    if user.has_perm(Permission.VIEW_OWN_WORK.value):
        return redirect("workforce:my_work")
    if user.has_perm(Permission.VIEW_AUDIT.value):
        return redirect("audit:index")
    if user.has_perm(Permission.VIEW_TEAM_WORK.value):
        return redirect("workforce:teams")
    return redirect("people:search")


def _safe_next(request: HttpRequest, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return next_url
    return ""


def _complete_sign_in(request: HttpRequest, user: User, next_url: str, method: str, backend: str) -> str:
    """Log the user in, audit it, adopt any form kept when their last session ended."""
    request.session.pop(EXPIRED_FLAG, None)
    login(request, user, backend=backend)
    mark_signed_in(request)
    request.session[sessions.SIGN_IN_METHOD] = method
    auditor.record(actor=user, action=AuditAction.SIGN_IN, summary="Signed in", changes={"method": method})
    kept = drafts.adopt_pending(request, user)
    if kept is not None:
        return kept
    return _safe_next(request, next_url) or ""


def _locked_message(state: lockout.LockoutState) -> str:
    until = timezone.localtime(state.until).strftime("%-I:%M%p").lower() if state.until else "later"
    return (
        "There have been too many failed attempts to sign in. "
        f"For your security, sign-in is locked until {until}. Try again then, or contact the service desk."
    )


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignInForm(request, data=request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        username = request.POST.get("username", "")
        ip = lockout.client_ip(request)
        state = lockout.state(username, ip)
        if state.locked:
            lockout.record_attempt(username, ip, succeeded=False, while_locked=True)
            auditor.record(
                actor=None,
                action=AuditAction.SIGN_IN_FAILED,
                summary="Sign-in refused: locked out",
                changes={"scope": state.scope, "username": lockout.normalise(username)},
            )
            form = SignInForm(request, data=request.POST)  # keeps the username typed
            form._errors = ErrorDict()  # type: ignore[attr-defined]  # the password is not checked while locked
            form.cleaned_data = {}
            form.add_error(None, _locked_message(state))
        elif form.is_valid():
            user = form.get_user()
            lockout.record_attempt(username, ip, succeeded=True)
            if twofactor.requires_totp(user):
                request.session.cycle_key()
                request.session[PENDING_USER] = user.pk
                request.session[PENDING_AT] = timezone.now().timestamp()
                request.session[PENDING_NEXT] = _safe_next(request, next_url)
                request.session[PENDING_BACKEND] = getattr(
                    user, "backend", settings.AUTHENTICATION_BACKENDS[-1]
                )
                return redirect("accounts:two_factor")
            backend = getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1])
            return redirect(_complete_sign_in(request, user, next_url, "password", backend) or "home")
        else:
            _record_failure(username, ip, "Sign-in failed")
    return render(
        request,
        "accounts/sign_in.jinja",
        {
            "form": form,
            "next": next_url,
            "page_has_errors": bool(form.errors),
            "oidc_enabled": settings.HARBOUR_OIDC_ENABLED,
            "expired": request.session.get(EXPIRED_FLAG, False),
            "absolute_hours": settings.HARBOUR_SESSION_ABSOLUTE_SECONDS // 3600,
        },
        status=400 if form.errors else 200,
    )


def _record_failure(
    username: str,
    ip: str | None,
    summary: str,
    *,
    factor: str = SignInAttempt.Factor.PASSWORD,
    actor: User | None = None,
) -> None:
    """A refused password (no actor: the account is not known) or a refused code (the
    actor is the account whose password was right, so an auditor sees which is attacked)."""
    lockout.record_attempt(username, ip, succeeded=False, factor=factor)
    auditor.record(
        actor=actor,
        action=AuditAction.SIGN_IN_FAILED,
        summary=summary,
        changes={"username_length": len(username)},
    )
    after = lockout.state(username, ip)
    if after.locked:
        auditor.record(
            actor=actor,
            action=AuditAction.LOCKOUT,
            summary=f"Sign-in locked ({after.scope}) after repeated failures",
            changes={"scope": after.scope, "username": lockout.normalise(username)},
        )


def _record_refused_while_locked(user: User, request: HttpRequest, state: lockout.LockoutState) -> None:
    lockout.record_attempt(
        user.username,
        lockout.client_ip(request),
        succeeded=False,
        factor=SignInAttempt.Factor.CODE,
        while_locked=True,
    )
    auditor.record(
        actor=user,
        action=AuditAction.SIGN_IN_FAILED,
        summary="Two-factor code refused: locked out",
        changes={"scope": state.scope},
    )


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if not user_id or timezone.now().timestamp() - float(started) > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _expired_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/two_factor_expired.jinja", {})


def _finish_pending(request: HttpRequest, user: User, method: str) -> HttpResponse:
    lockout.record_attempt(
        user.username, lockout.client_ip(request), succeeded=True, factor=SignInAttempt.Factor.CODE
    )
    next_url = request.session.get(PENDING_NEXT, "")
    backend = request.session.get(PENDING_BACKEND, settings.AUTHENTICATION_BACKENDS[-1])
    for key in (PENDING_USER, PENDING_AT, PENDING_NEXT, PENDING_BACKEND):
        request.session.pop(key, None)
    target = _complete_sign_in(request, user, next_url, method, backend)
    return redirect(target or "home")


@public
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: a code from the authenticator app (or a recovery code)."""
    user = _pending_user(request)
    if user is None:
        return _expired_page(request)
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return redirect("accounts:enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = lockout.client_ip(request)
        state = lockout.state(user.username, ip)
        code = form.cleaned_data["code"].strip()
        if state.locked:
            _record_refused_while_locked(user, request, state)
            form.add_error("code", _locked_message(state))
        elif twofactor.verify_code(device, code):
            return _finish_pending(request, user, "password+totp")
        elif twofactor.use_recovery_code(user, code):
            left = twofactor.remaining_recovery_codes(user)
            response = _finish_pending(request, user, "password+recovery_code")
            messages.warning(request, f"You used a recovery code. You have {left} left.")
            return response
        else:
            _record_failure(
                user.username, ip, "Two-factor code refused", factor=SignInAttempt.Factor.CODE, actor=user
            )
            form.add_error("code", "The security code is not correct or has expired – enter the current code")
    return render(
        request,
        "accounts/two_factor.jinja",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
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
            response = _finish_pending(request, user, "password+totp_enrolment")
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


@authenticated
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auditor.record(actor=request.user, action=AuditAction.SIGN_OUT, summary="Signed out")
    logout(request)
    return redirect("accounts:sign_in")


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def dormant_accounts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Accounts with no sign-in for the dormancy period, and those already disabled as dormant."""
    if request.method == "POST":
        disabled = services.disable_dormant_accounts(actor=request.user)
        messages.success(request, f"{counted(len(disabled), 'dormant account')} disabled")
        return redirect("accounts:dormant")
    days = settings.HARBOUR_DORMANT_DAYS
    return render(
        request,
        "accounts/dormant.jinja",
        {
            "days": days,
            "dormant": dormancy.dormant_accounts(),
            "disabled": User.objects.filter(disabled_as_dormant_at__isnull=False, is_active=False).order_by(
                "-disabled_as_dormant_at"
            )[:200],
            "cutoff": timezone.now() - timedelta(days=days),
            "nav_key": "dormant",
        },
    )


# --- Administrators: user accounts ----------------------------------------------------------


USERS_PAGE_SIZE = 50


def _needs_two_factor_session(request: AuthenticatedHttpRequest) -> HttpResponse | None:
    """Changing another user's sign-in needs a session that itself proved a second factor."""
    if sessions.signed_in_with_two_factor(request):
        return None
    return render(request, "accounts/two_factor_session_needed.jinja", {"nav_key": "users"})


def _account_rows(users: Sequence[User], locked: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    locked = lockout.locked_usernames() if locked is None else locked
    return [
        {
            "user": u,
            "locked_until": locked.get(lockout.normalise(u.username)),
            "two_factor": (
                "Must set up again"
                if u.must_enrol_two_factor
                else "Set up"
                if u.has_totp  # type: ignore[attr-defined]
                else "Required, not set up"
                if twofactor.account_requires_totp(u)
                else "Not used"
            ),
        }
        for u in users
    ]


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_accounts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every account, with its two-factor and lockout state; locked accounts first. The name
    searched for is posted and kept off the address (`core.search_terms`)."""
    if request.method == "POST":
        return redirect(search_terms.address(request.path, search_terms.keep(request, fields=["q"])))
    terms = search_terms.recall(request)
    q = ((terms.get("q") if terms else "") or "").strip()
    everyone = User.objects.select_related("team").annotate(
        has_totp=Exists(TotpDevice.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False))
    )
    users = everyone
    if q:
        users = users.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
    locked = lockout.locked_usernames()
    by_name = Q()
    for name in locked:  # lockout keys are lower-cased usernames
        by_name |= Q(username__iexact=name)
    # Locked accounts are listed whatever was searched for.
    locked_users = list(everyone.filter(by_name)) if locked else []
    page_obj = Paginator(users.order_by("last_name", "first_name", "username"), USERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/users.jinja",
        {
            "q": q,
            "token": request.GET.get(search_terms.PARAMETER, "") if terms else "",
            "page_obj": page_obj,
            "rows": _account_rows(list(page_obj), locked),
            "locked_rows": _account_rows(locked_users, locked),
            "nav_key": "users",
        },
    )


def _subject(user_id: int) -> User:
    return get_object_or_404(
        User.objects.select_related("team").annotate(
            has_totp=Exists(TotpDevice.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False))
        ),
        pk=user_id,
    )


@requires(Permission.MANAGE_USERS)
def user_account(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    subject = _subject(user_id)
    row = _account_rows([subject])[0]
    return render(
        request,
        "accounts/user.jinja",
        {
            "row": row,
            "subject": subject,
            "is_self": subject.pk == request.user.pk,
            "remaining_codes": twofactor.remaining_recovery_codes(subject),
            "nav_key": "users",
        },
    )


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def reset_two_factor(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    """Confirmation step: what will happen, the reason, and that the user's identity was checked."""
    subject = _subject(user_id)
    refused = _needs_two_factor_session(request)
    if refused is not None:
        return refused
    is_self = subject.pk == request.user.pk  # the page says another administrator must do it
    form = ResetTwoFactorForm(request.POST or None)
    if not is_self and (
        reset := submitted(
            request,
            form,
            lambda data: services.reset_two_factor(actor=request.user, user=subject, reason=data["reason"]),
        )
    ):
        messages.success(
            request,
            f"Two-factor sign-in reset for {subject.display_name}. They must set it up again "
            f"when they next sign in ({counted(reset.result, 'session')} ended).",
        )
        return redirect("accounts:user", user_id=subject.pk)
    return render(
        request,
        "accounts/reset_two_factor.jinja",
        {
            "form": form,
            "subject": subject,
            "is_self": is_self,
            "page_has_errors": bool(form.errors) and not is_self,
            "nav_key": "users",
        },
        status=400 if form.errors and not is_self else 200,
    )


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def unlock_sign_in(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    subject = _subject(user_id)
    refused = _needs_two_factor_session(request)
    if refused is not None:
        return refused
    form = UnlockForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda data: services.unlock_sign_in(actor=request.user, user=subject, reason=data["reason"]),
    ):
        messages.success(request, f"Sign-in unlocked for {subject.display_name}")
        return redirect("accounts:user", user_id=subject.pk)
    state = lockout.state(subject.username, None)
    return render(
        request,
        "accounts/unlock.jinja",
        {"form": form, "subject": subject, "state": state, "nav_key": "users"},
    )
