"""Cross-cutting request handling: sign-in required everywhere, no caching of records."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from . import trail
from .request_context import reset_request_id, set_request_id

Handler = Callable[[HttpRequest], HttpResponse]


class LoginRequiredMiddleware:
    """Every page needs a signed-in user unless its view is marked `@public`."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_id(str(uuid.uuid4()))
        try:
            if not request.user.is_authenticated and not self._exempt(request):
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            return self.get_response(request)
        finally:
            reset_request_id(token)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return bool(getattr(match.func, "login_exempt", False))


class NoStoreMiddleware:
    """Pages about children must not be kept in browser or proxy caches."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path_info.startswith(settings.STATIC_URL):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


# Idle sessions and kept forms (ADR 0009).

LAST_ACTIVITY = "session.last_activity"
SIGNED_IN_AT = "session.signed_in_at"
EXPIRED_FLAG = "session.expired_idle"  # why the last session ended: "idle" or "absolute"
ENDED_IDLE = "idle"
ENDED_ABSOLUTE = "absolute"
LAST_USER_COOKIE = "harbour_last_user"
LAST_USER_MAX_AGE = 7 * 24 * 3600  # a week from the last sign-in on this browser


def mark_signed_in(request: HttpRequest) -> None:
    """Record when this session signed in: its absolute lifetime counts from here."""
    import time

    request.session[SIGNED_IN_AT] = time.time()


def past_absolute_lifetime(request: HttpRequest, now: float) -> bool:
    """Signed in longer than `HARBOUR_SESSION_ABSOLUTE_SECONDS`, whatever the activity since."""
    started = request.session.get(SIGNED_IN_AT)
    return started is not None and now - float(started) > settings.HARBOUR_SESSION_ABSOLUTE_SECONDS


def _write_every() -> float:
    """Record activity at most this often (saves a session write per request)."""
    return min(15.0, settings.HARBOUR_IDLE_SECONDS / 20)


_PASSIVE_PATHS = frozenset({"/session/status/", "/drafts/save/", "/drafts/current/"})


def _passive(request: HttpRequest) -> bool:
    """Requests the script makes by itself do not count as activity: asking how long is
    left, and saving or fetching drafts (only the user's own actions keep them signed in)."""
    return request.path_info in _PASSIVE_PATHS


def _csrf_ok(request: HttpRequest) -> bool:
    from django.middleware.csrf import CsrfViewMiddleware

    checker = CsrfViewMiddleware(lambda r: HttpResponse())
    return checker.process_view(request, lambda r: HttpResponse(), (), {}) is None


def _keep_posted_form(request: HttpRequest, user_id: int | None) -> None:
    from . import drafts

    if request.method != "POST" or not user_id or LoginRequiredMiddleware._exempt(request):
        return
    if not _csrf_ok(request):
        return
    url = request.POST.get("_draft_url") or request.path_info
    drafts.stash_pending(request, url, request.POST, user_id)


class IdleSessionMiddleware:
    """End a session after `HARBOUR_IDLE_SECONDS` without activity, or once it is older than
    `HARBOUR_SESSION_ABSOLUTE_SECONDS` from sign-in (activity does not extend that), keeping
    any posted form.

    A POST that arrives after the session ended (idle here, or past its absolute age) is
    not lost: its fields wait in the new session and become the user's draft once the
    same user signs in again (`core.drafts.adopt_pending`). Who the user was comes from
    the ended session or, if that is gone, from a signed cookie holding only their id.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        from django.contrib.auth import logout

        now = time.time()
        user = request.user
        was_signed_in = user.is_authenticated
        if user.is_authenticated:
            last = request.session.get(LAST_ACTIVITY)
            ended = (
                ENDED_ABSOLUTE
                if past_absolute_lifetime(request, now)
                else ENDED_IDLE
                if last is not None and now - float(last) > settings.HARBOUR_IDLE_SECONDS
                else None
            )
            if ended is not None:
                user_id = user.pk
                trail.record(
                    actor=user,
                    action="SIGN_OUT",
                    summary=(
                        "Signed out: signed in for longer than the session allows"
                        if ended == ENDED_ABSOLUTE
                        else "Signed out: inactive for too long"
                    ),
                    changes={"reason": ended},
                )
                logout(request)
                request.session[EXPIRED_FLAG] = ended
                _keep_posted_form(request, user_id)
            else:
                if SIGNED_IN_AT not in request.session:  # a session from before sign-in was stamped
                    request.session[SIGNED_IN_AT] = now
                if not _passive(request) and (last is None or now - float(last) > _write_every()):
                    request.session[LAST_ACTIVITY] = now
        elif request.method == "POST":
            _keep_posted_form(request, self._last_user(request))
        response = self.get_response(request)
        self._manage_cookie(request, response, was_signed_in)
        return response

    @staticmethod
    def _last_user(request: HttpRequest) -> int | None:
        from django.core import signing

        try:
            value = request.get_signed_cookie(
                LAST_USER_COOKIE, salt="harbour.last-user", max_age=LAST_USER_MAX_AGE
            )
        except (KeyError, signing.BadSignature):
            return None
        return int(value) if value and value.isdigit() else None

    @staticmethod
    def _manage_cookie(request: HttpRequest, response: HttpResponse, was_signed_in: bool) -> None:
        """The last-user cookie is signed afresh at every sign-in (so it names whoever signed
        in last on this browser, for a week from then), and whenever it names someone else."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not was_signed_in or IdleSessionMiddleware._last_user(request) != user.pk:
                response.set_signed_cookie(
                    LAST_USER_COOKIE,
                    str(user.pk),
                    salt="harbour.last-user",
                    max_age=LAST_USER_MAX_AGE,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            if request.method == "POST" and response.status_code in (302, 303):
                from . import drafts

                drafts.discard(user, request.path_info)  # the form went through: its draft is done
        elif request.path_info == "/accounts/sign-out/":
            response.delete_cookie(LAST_USER_COOKIE)
