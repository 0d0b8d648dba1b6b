"""Two-factor authentication for local accounts: TOTP (RFC 6238) plus recovery codes.

Who must use it is derived from the permission table, not a list of roles: anyone who
can read a child's record, break the glass, manage users, read the audit trail or manage
retention (`TOTP_REQUIRED_PERMISSIONS`). Every role can read a child's record, so every
local account signs in with a second factor.

Superusers are held to the same rule rather than refused sign-in: `has_perm` grants a
superuser every permission, so one made with `createsuperuser` (usually with no role) can
read every child's record, and `account_requires_totp` asks for a code on that ground.
Refusing them instead would leave the authority without its usual recovery account,
while holding them to the rule costs nothing: they enrol at first sign-in like anyone.

Accounts signing in through the council's identity provider (OIDC) skip the code only
when the provider's ID token says its sign-in was multi-factor (`accounts.oidc`).
"""

import hashlib
import hmac
import io
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RecoveryCode, TotpDevice, User
from .permissions import ROLE_PERMISSIONS, Permission, Role

TOTP_REQUIRED_PERMISSIONS = frozenset(
    {
        Permission.VIEW_PERSON,
        Permission.BREAK_GLASS,
        Permission.MANAGE_USERS,
        Permission.VIEW_AUDIT,
        Permission.MANAGE_RETENTION,
    }
)
ISSUER = "Harbour"
RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30


def role_requires_totp(role: Role | str) -> bool:
    try:
        return bool(ROLE_PERMISSIONS[Role(role)] & TOTP_REQUIRED_PERMISSIONS)
    except ValueError:
        return False


def account_requires_totp(user: User) -> bool:
    """The account's role, or its being a superuser, makes a second factor compulsory."""
    return user.is_superuser or role_requires_totp(user.role)


def requires_totp(user: User) -> bool:
    return account_requires_totp(user) or user.must_enrol_two_factor or has_confirmed_device(user)


def has_confirmed_device(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def new_secret() -> str:
    return pyotp.random_base32(length=32)


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=_issuer())


def _issuer() -> str:
    return f"{ISSUER} ({settings.HARBOUR_AUTHORITY['name']})"


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (rendered on the server: no scripts)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(
        buffer,
        kind="svg",
        scale=4,
        border=2,
        xmldecl=False,
        svgns=True,
        title="QR code for your authenticator app",
    )
    return buffer.getvalue().decode()


def start_enrolment(user: User, secret: str | None = None) -> TotpDevice:
    """The user's device: an existing one, or a new unconfirmed one with a fresh secret.

    The secret of an unconfirmed device stays the same across page loads, so the QR code
    a user has already scanned keeps working until they confirm it.
    """
    existing = TotpDevice.objects.filter(user=user).first()
    if existing is not None:
        return existing
    return TotpDevice.objects.create(user=user, secret=secret or new_secret())


def reset(user: User) -> None:
    """Remove the user's authenticator and recovery codes (they enrol again at next sign-in).

    Only `accounts.services.reset_two_factor` calls this (permission, audit, sessions)."""
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()


def _matching_step(secret: str, code: str, at: float) -> int | None:
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    step = int(at // STEP_SECONDS)
    for candidate in (step - 1, step, step + 1):  # allow one step of clock drift
        if hmac.compare_digest(totp.at(candidate * STEP_SECONDS), code):
            return candidate
    return None


def verify_code(device: TotpDevice, code: str, at: float | None = None) -> bool:
    """Check a code; a code (time step) already used is refused (no replay)."""
    with transaction.atomic():
        locked = TotpDevice.objects.select_for_update().get(pk=device.pk)
        step = _matching_step(locked.secret, code, time.time() if at is None else at)
        if step is None or step <= locked.last_used_step:
            return False
        locked.last_used_step = step
        if locked.confirmed_at is None:
            locked.confirmed_at = timezone.now()
        locked.save(update_fields=["last_used_step", "confirmed_at"])
    device.refresh_from_db()
    return True


def _hash_code(code: str) -> str:
    normal = code.replace("-", "").replace(" ", "").lower()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{normal}".encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; return the new ones (shown once)."""
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash_code(c)) for c in codes)
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    with transaction.atomic():
        match = (
            RecoveryCode.objects.select_for_update()
            .filter(user=user, code_hash=_hash_code(code or ""), used_at__isnull=True)
            .first()
        )
        if match is None:
            return False
        match.used_at = timezone.now()
        match.save(update_fields=["used_at"])
    return True


def remaining_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def current_code(secret: str, at: float | None = None) -> str:
    return pyotp.TOTP(secret).at(int(time.time() if at is None else at))
