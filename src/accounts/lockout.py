"""Throttling of sign-in: too many failures lock the account and the address.

Rule (settings, from the environment), each within `HARBOUR_LOCKOUT_MINUTES` (default 15)
and locking until that long after the last failure counted:
- `HARBOUR_LOCKOUT_FAILURES` (default 5) wrong passwords for one username lock it. A right
  password clears this count.
- `HARBOUR_LOCKOUT_CODE_FAILURES` (default 5) wrong second-factor codes for one username
  lock it. Only a completed sign-in (a right code) clears this count: a right password
  does not, so knowing the password does not buy more guesses at the code.
- `HARBOUR_LOCKOUT_IP_FAILURES` (default 50: a whole office may share one outgoing
  address) failures of either kind from one IP address lock that address likewise.
An administrator's unlock (`LockoutRelease`) clears both counts for the username.

While locked, neither the password nor the code is checked (so guessing cannot continue),
the page says when to try again, and every refused attempt is still recorded and audited;
attempts refused while locked are not counted, so retrying does not push a lock further out.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
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


def _last(queryset: QuerySet, field: str) -> datetime | None:  # type: ignore[type-arg]
    return queryset.order_by(f"-{field}").values_list(field, flat=True).first()


def _failures(since: datetime, **match: object) -> list[datetime]:
    return list(
        SignInAttempt.objects.filter(
            succeeded=False, while_locked=False, attempted_at__gte=since, **match
        ).values_list("attempted_at", flat=True)
    )


def _account_state(name: str, now: datetime) -> LockoutState:
    since = now - _window()
    released = _last(LockoutRelease.objects.filter(username=name, released_at__gte=since), "released_at")
    counts = []
    for factor, limit in (
        (SignInAttempt.Factor.PASSWORD, settings.HARBOUR_LOCKOUT_FAILURES),
        (SignInAttempt.Factor.CODE, settings.HARBOUR_LOCKOUT_CODE_FAILURES),
    ):
        last_ok = _last(
            SignInAttempt.objects.filter(
                username=name, factor=factor, succeeded=True, attempted_at__gte=since
            ),
            "attempted_at",
        )
        after = max(t for t in (since, last_ok, released) if t is not None)
        counts.append(_state(_failures(after, username=name, factor=factor), limit, "username", now))
    locked = [c for c in counts if c.locked and c.until is not None]
    return max(locked, key=lambda c: c.until or now) if locked else LockoutState(False)


def state(username: str, ip: str | None, now: datetime | None = None) -> LockoutState:
    now = now or timezone.now()
    result = _account_state(normalise(username), now)
    if result.locked or not ip:
        return result
    by_ip = _failures(now - _window(), ip_address=ip)
    return _state(by_ip, settings.HARBOUR_LOCKOUT_IP_FAILURES, "address", now)


def locked_usernames(now: datetime | None = None) -> dict[str, datetime]:
    """Usernames locked now (by their own failures), with when each lock ends: for the
    administrators' list of accounts. One query, then a few for each username with enough
    failures in the window to be locked."""
    now = now or timezone.now()
    failures: dict[str, int] = {}
    for name in SignInAttempt.objects.filter(
        succeeded=False, while_locked=False, attempted_at__gte=now - _window()
    ).values_list("username", flat=True):
        failures[name] = failures.get(name, 0) + 1
    least = min(settings.HARBOUR_LOCKOUT_FAILURES, settings.HARBOUR_LOCKOUT_CODE_FAILURES)
    locked = {}
    for name in sorted(n for n, count in failures.items() if count >= least):
        result = _account_state(name, now)
        if result.locked and result.until is not None:
            locked[name] = result.until
    return locked


def record_attempt(
    username: str,
    ip: str | None,
    *,
    succeeded: bool,
    factor: str = SignInAttempt.Factor.PASSWORD,
    while_locked: bool = False,
) -> SignInAttempt:
    return SignInAttempt.objects.create(
        attempted_at=timezone.now(),
        username=normalise(username),
        ip_address=ip,
        succeeded=succeeded,
        factor=factor,
        while_locked=while_locked,
    )
