"""Account services: disabling dormant accounts, making new recovery codes, resetting two-factor
sign-in, unlocking sign-in, binding an account to the council provider's subject (and
clearing that binding)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit import services as auditor
from audit.models import AuditAction

from . import lockout, sessions, twofactor
from .dormancy import dormant_accounts
from .models import LockoutRelease, SignInAttempt, TotpDevice, User
from .permissions import Permission, require


@transaction.atomic
def disable_dormant_accounts(*, actor: User | None, now: datetime | None = None) -> list[User]:
    """Switch off every dormant account (is_active=False), one audit row each.

    `actor` is the administrator using the admin page, or None when the scheduled
    management command (`manage.py disable_dormant_accounts`) runs as the system.
    """
    if actor is not None and not actor.has_perm(Permission.MANAGE_USERS.value):
        raise PermissionDenied
    now = now or timezone.now()
    found = list(dormant_accounts(now).select_for_update(of=("self",)))
    for user in found:
        user.is_active = False
        user.disabled_as_dormant_at = now
        user.save(update_fields=["is_active", "disabled_as_dormant_at"])
        auditor.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            summary="Account disabled: dormant",
            changes={"is_active": [True, False], "last_login": user.last_login},
            reason="No sign-in within the dormancy period",
        )
    return found


def new_recovery_codes(*, actor: User, code: str, ip: str | None = None) -> list[str]:
    """Replace the user's own recovery codes once they prove they hold the authenticator now.

    A signed-in session alone is not enough (a screen left unlocked would otherwise hand over
    ten ways in): the current code is asked for, and a wrong one counts towards the account's
    lockout like a wrong code at sign-in. Returns the new codes, to be shown once.
    """
    device = TotpDevice.objects.filter(user=actor, confirmed_at__isnull=False).first()
    if device is None:
        raise ValidationError("Set up two-factor sign-in before making recovery codes")
    state = lockout.state(actor.username, ip)
    if state.locked:
        raise ValidationError(
            {"code": "There have been too many wrong codes. Try again later, or contact the service desk"}
        )
    if not twofactor.verify_code(device, code):
        lockout.record_attempt(actor.username, ip, succeeded=False, factor=SignInAttempt.Factor.CODE)
        auditor.record(
            actor=actor,
            action=AuditAction.SIGN_IN_FAILED,
            summary="Two-factor code refused: making new recovery codes",
        )
        raise ValidationError(
            {"code": "The security code is not correct or has expired – enter the current code"}
        )
    with transaction.atomic():
        codes = twofactor.new_recovery_codes(actor)
        auditor.record(actor=actor, action=AuditAction.UPDATE, obj=device, summary="New recovery codes made")
    return codes


def _by_another_administrator(actor: User, user: User, reason: str, *, own: str, why: str) -> str:
    """A change to a user's sign-in that an administrator makes for them: never to their own
    account (`own` says so) and always with a reason (`why` asks for it); the reason, trimmed."""
    require(actor, Permission.MANAGE_USERS)
    reason = (reason or "").strip()
    if actor.pk == user.pk:
        raise ValidationError({"reason": own})
    if not reason:
        raise ValidationError({"reason": why})
    return reason


@transaction.atomic
def reset_two_factor(*, actor: User, user: User, reason: str) -> int:
    """The user lost their authenticator: remove it and their recovery codes, make them set
    up two-factor sign-in again at their next sign-in, and end all their sessions.

    Another administrator must do it (never the user themself). Returns the number of
    sessions ended.
    """
    reason = _by_another_administrator(
        actor,
        user,
        reason,
        own="Another administrator must reset your own two-factor sign-in",
        why="Enter why two-factor sign-in is being reset",
    )
    had_device = twofactor.has_confirmed_device(user)
    twofactor.reset(user)
    user.must_enrol_two_factor = True
    user.save(update_fields=["must_enrol_two_factor"])
    ended = sessions.end_sessions(user)
    auditor.record(
        actor=actor,
        action=AuditAction.RESET_TWO_FACTOR,
        obj=user,
        summary="Two-factor sign-in reset: must set up again at next sign-in",
        changes={"had_authenticator": had_device, "sessions_ended": ended},
        reason=reason,
    )
    return ended


@transaction.atomic
def unlock_sign_in(*, actor: User, user: User, reason: str = "") -> LockoutRelease:
    """Release a username locked after repeated failed sign-ins (before the lock runs out).

    Earlier failures stop counting; a lock on the user's network address is not lifted
    (it covers other usernames too and ends on its own after the lockout window).
    """
    require(actor, Permission.MANAGE_USERS)
    name = lockout.normalise(user.username)
    before = lockout.state(name, None)
    release = LockoutRelease.objects.create(username=name, released_at=timezone.now(), released_by=actor)
    auditor.record(
        actor=actor,
        action=AuditAction.UNLOCK,
        obj=user,
        summary="Sign-in unlocked by an administrator",
        changes={"was_locked": before.locked, "locked_until": before.until},
        reason=(reason or "").strip(),
    )
    return release


@transaction.atomic
def bind_identity_provider(*, actor: User, subject: str) -> User:
    """Bind `actor`'s account to the council provider's subject at their first council
    sign-in (`accounts.oidc.account_for`): from then on the subject alone finds the account.

    Refused (ValidationError) when the account is already bound, so a binding is never
    silently replaced.
    """
    user = actor
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.identity_provider_subject:
        raise ValidationError("This account is already bound to a council sign-in")
    locked.identity_provider_subject = subject
    locked.save(update_fields=["identity_provider_subject"])
    user.identity_provider_subject = subject
    auditor.record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=user,
        summary="Council sign-in bound to the provider's account",
        changes={"identity_provider_subject": ["", subject]},
    )
    return user


@transaction.atomic
def unbind_identity_provider(*, actor: User, user: User, reason: str) -> None:
    """Clear the account's binding to a council provider account (the provider replaced the
    member of staff's account, so its subject changed): their next council sign-in binds
    again, by verified e-mail (ADR 0011). Another administrator must do it, with a reason;
    the user's sessions are ended."""
    reason = _by_another_administrator(
        actor,
        user,
        reason,
        own="Another administrator must clear your own council sign-in",
        why="Enter why the council sign-in is being cleared",
    )
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.identity_provider_subject:
        raise ValidationError({"reason": "This account is not bound to a council sign-in"})
    before = locked.identity_provider_subject
    locked.identity_provider_subject = ""
    locked.save(update_fields=["identity_provider_subject"])
    user.identity_provider_subject = ""
    ended = sessions.end_sessions(user)
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        summary="Council sign-in binding cleared by an administrator",
        changes={"identity_provider_subject": [before, ""], "sessions_ended": ended},
        reason=reason,
    )
