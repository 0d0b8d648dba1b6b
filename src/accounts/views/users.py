"""The administrators' pages: user accounts (find, reset two-factor, unlock sign-in, clear a
council sign-in binding) and dormant accounts."""

from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core import search_terms
from core.forms import submitted
from core.http import AuthenticatedHttpRequest
from core.presenters import counted

from .. import dormancy, lockout, services, sessions, twofactor
from ..decorators import requires
from ..forms import ResetTwoFactorForm, UnbindForm, UnlockForm
from ..models import TotpDevice, User
from ..permissions import Permission


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
T = TypeVar("T")


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


def _changing_anothers_sign_in(
    view: Callable[[AuthenticatedHttpRequest, User], HttpResponse],
) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    """A page changing a user's sign-in, given the account (404 if there is none): it needs a
    session that itself proved a second factor, else it asks for one and changes nothing."""

    @wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        subject = _subject(user_id)
        if not sessions.signed_in_with_two_factor(request):
            return render(request, "accounts/two_factor_session_needed.jinja", {"nav_key": "users"})
        return view(request, subject)

    return wrapped


def _anothers_sign_in_changed(
    request: AuthenticatedHttpRequest,
    subject: User,
    form: BaseForm,
    change: Callable[[dict[str, Any]], T],
    *,
    template: str,
    success: Callable[[T], str],
) -> HttpResponse:
    """A change to another user's sign-in, with a reason: never to one's own account (the page
    says another administrator must make it, and takes no form); on success back to the
    account's page, saying `success` of what the change returned."""
    is_self = subject.pk == request.user.pk
    if not is_self and (done := submitted(request, form, change)):
        messages.success(request, success(done.result))
        return redirect("accounts:user", user_id=subject.pk)
    return render(
        request,
        template,
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
@_changing_anothers_sign_in
def reset_two_factor(request: AuthenticatedHttpRequest, subject: User) -> HttpResponse:
    """Confirmation step: what will happen, the reason, and that the user's identity was checked."""
    return _anothers_sign_in_changed(
        request,
        subject,
        ResetTwoFactorForm(request.POST or None),
        lambda data: services.reset_two_factor(actor=request.user, user=subject, reason=data["reason"]),
        template="accounts/reset_two_factor.jinja",
        success=lambda ended: (
            f"Two-factor sign-in reset for {subject.display_name}. They must set it up again "
            f"when they next sign in ({counted(ended, 'session')} ended)."
        ),
    )


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
@_changing_anothers_sign_in
def unlock_sign_in(request: AuthenticatedHttpRequest, subject: User) -> HttpResponse:
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


@requires(Permission.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
@_changing_anothers_sign_in
def unbind_council_sign_in(request: AuthenticatedHttpRequest, subject: User) -> HttpResponse:
    """Clear the binding to the council provider's account, so the next council sign-in binds
    again (when the council replaced the member of staff's account)."""
    return _anothers_sign_in_changed(
        request,
        subject,
        UnbindForm(request.POST or None),
        lambda data: services.unbind_identity_provider(
            actor=request.user, user=subject, reason=data["reason"]
        ),
        template="accounts/unbind.jinja",
        success=lambda _: f"Council sign-in cleared for {subject.display_name}",
    )
