"""The start page (each role's), sign-in (password, lockout, the second factor) and sign-out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from audit import services as auditor
from audit.models import AuditAction
from core import drafts
from core.http import AuthenticatedHttpRequest, authenticated, public
from core.middleware import EXPIRED_FLAG, mark_signed_in

from .. import lockout, sessions, twofactor
from ..forms import CodeForm, SignInForm
from ..models import SignInAttempt, Team, TotpDevice, User
from ..permissions import Permission, Role

PENDING_USER = "twofactor.pending_user"
PENDING_AT = "twofactor.pending_at"
PENDING_NEXT = "twofactor.next"
PENDING_BACKEND = "twofactor.backend"
PENDING_FIRST_FACTOR = "twofactor.first_factor"
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
            backend = getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1])
            if twofactor.requires_totp(user):
                start_second_factor(request, user, next_url, first_factor="password", backend=backend)
                return redirect("accounts:two_factor")
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


def start_second_factor(
    request: HttpRequest, user: User, next_url: str, *, first_factor: str, backend: str
) -> None:
    """The first factor (a password, or the council's provider without its own second
    factor) is proved: ask for Harbour's code before signing `user` in."""
    request.session.cycle_key()
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_AT] = timezone.now().timestamp()
    request.session[PENDING_NEXT] = _safe_next(request, next_url)
    request.session[PENDING_BACKEND] = backend
    request.session[PENDING_FIRST_FACTOR] = first_factor


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


def _finish_pending(request: HttpRequest, user: User, second_factor: str) -> HttpResponse:
    """Sign in with the method "<first factor>+<second factor>", e.g. "password+totp"."""
    lockout.record_attempt(
        user.username, lockout.client_ip(request), succeeded=True, factor=SignInAttempt.Factor.CODE
    )
    next_url = request.session.get(PENDING_NEXT, "")
    backend = request.session.get(PENDING_BACKEND, settings.AUTHENTICATION_BACKENDS[-1])
    method = f"{request.session.get(PENDING_FIRST_FACTOR, 'password')}+{second_factor}"
    for key in (PENDING_USER, PENDING_AT, PENDING_NEXT, PENDING_BACKEND, PENDING_FIRST_FACTOR):
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
            return _finish_pending(request, user, "totp")
        elif twofactor.use_recovery_code(user, code):
            left = twofactor.remaining_recovery_codes(user)
            response = _finish_pending(request, user, "recovery_code")
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


@authenticated
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auditor.record(actor=request.user, action=AuditAction.SIGN_OUT, summary="Signed out")
    logout(request)
    return redirect("accounts:sign_in")
