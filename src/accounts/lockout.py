"""Throttling of password sign-in: too many failures lock the username and the address.

Rule (settings, from the environment):
- `HARBOUR_LOCKOUT_FAILURES` (default 5) failed attempts for one username within
  `HARBOUR_LOCKOUT_MINUTES` (default 15) lock that username until 15 minutes after the
  last failure. A successful sign-in clears the username's count.
- `HARBOUR_LOCKOUT_IP_FAILURES` (default 5; raise it where many staff share one outgoing
  address) failures from one IP address within the window lock that address likewise.

While locked, the password is not even checked (so guessing cannot continue), the page
says when to try again, and every refused attempt is still recorded and audited.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from .models import LockoutRelease, SignInAttempt


@dataclass(frozen=True)
class LockoutState:
    locked: bool
    until: datetime | None = None
    scope: str = ""  # "username" or "address"


def _window() -> timedelta:
    return timedelta(minutes=settings.HARBOUR_LOCKOUT_MINUTES)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind a proxy set HARBOUR_TRUSTED_PROXY_HEADER (e.g.
    HTTP_X_FORWARDED_FOR); the right-most address the proxy appended is used."""
    header = getattr(settings, "HARBOUR_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _state(failures: list[datetime], limit: int, scope: str, now: datetime) -> LockoutState:
    if len(failures) < limit:
        return LockoutState(False)
    until = max(failures) + _window()
    return LockoutState(until > now, until if until > now else None, scope)


def state(username: str, ip: str | None, now: datetime | None = None) -> LockoutState:
    now = now or timezone.now()
    since = now - _window()
    name = normalise(username)
    last_ok = (
        SignInAttempt.objects.filter(username=name, succeeded=True, attempted_at__gte=since)
        .order_by("-attempted_at")
        .values_list("attempted_at", flat=True)
        .first()
    )
    released = (
        LockoutRelease.objects.filter(username=name, released_at__gte=since)
        .order_by("-released_at")
        .values_list("released_at", flat=True)
        .first()
    )
    user_since = max(t for t in (since, last_ok, released) if t is not None)
    by_user = list(
        SignInAttempt.objects.filter(
            username=name, succeeded=False, attempted_at__gte=user_since
        ).values_list("attempted_at", flat=True)
    )
    result = _state(by_user, settings.HARBOUR_LOCKOUT_FAILURES, "username", now)
    if result.locked or not ip:
        return result
    by_ip = list(
        SignInAttempt.objects.filter(ip_address=ip, succeeded=False, attempted_at__gte=since).values_list(
            "attempted_at", flat=True
        )
    )
    return _state(by_ip, settings.HARBOUR_LOCKOUT_IP_FAILURES, "address", now)


def locked_usernames(now: datetime | None = None) -> dict[str, datetime]:
    """Usernames locked now (by their own failures), with when each lock ends: for the
    administrators' list of accounts. Two queries, whatever the number of users."""
    now = now or timezone.now()
    since = now - _window()
    failures: dict[str, list[datetime]] = {}
    for name, at in SignInAttempt.objects.filter(succeeded=False, attempted_at__gte=since).values_list(
        "username", "attempted_at"
    ):
        failures.setdefault(name, []).append(at)
    candidates = [n for n, times in failures.items() if len(times) >= settings.HARBOUR_LOCKOUT_FAILURES]
    if not candidates:
        return {}
    reset_points: dict[str, datetime] = {}
    resets = list(
        SignInAttempt.objects.filter(
            username__in=candidates, succeeded=True, attempted_at__gte=since
        ).values_list("username", "attempted_at")
    ) + list(
        LockoutRelease.objects.filter(username__in=candidates, released_at__gte=since).values_list(
            "username", "released_at"
        )
    )
    for name, at in resets:
        reset_points[name] = max(at, reset_points.get(name, at))
    locked = {}
    for name in candidates:
        after = [t for t in failures[name] if name not in reset_points or t >= reset_points[name]]
        result = _state(after, settings.HARBOUR_LOCKOUT_FAILURES, "username", now)
        if result.locked and result.until is not None:
            locked[name] = result.until
    return locked


def record_attempt(username: str, ip: str | None, *, succeeded: bool) -> SignInAttempt:
    return SignInAttempt.objects.create(
        attempted_at=timezone.now(), username=normalise(username), ip_address=ip, succeeded=succeeded
    )
