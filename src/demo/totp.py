"""Two-factor for the DEMO accounts only: secrets derived from the demo seed.

Every demo account must use two-factor sign-in, so the demo accounts are enrolled in
advance with a per-account secret derived deterministically from the demo seed
(`HMAC-SHA256("harbour-demo-totp:<seed>", username)`), and `manage.py demo_totp <username>`
prints the current code. Only accounts the demo generator created (e-mail in the demo
domain) are touched: a real account can never get a derivable secret.
"""

import base64
import hashlib
import hmac
import time

from django.db import transaction
from django.utils import timezone

from accounts import twofactor
from accounts.models import TotpDevice, User

from .accounts import DEMO_EMAIL_DOMAIN

DEFAULT_SEED = 2026


class NotADemoAccount(Exception):
    pass


def demo_secret(username: str, seed: int = DEFAULT_SEED) -> str:
    digest = hmac.new(f"harbour-demo-totp:{seed}".encode(), username.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def _demo_user(username: str) -> User:
    user = User.objects.filter(username=username, email__endswith=f"@{DEMO_EMAIL_DOMAIN}").first()
    if user is None:
        raise NotADemoAccount(f"{username!r} is not a demo account")
    return user


@transaction.atomic
def enrol_demo_accounts(seed: int = DEFAULT_SEED) -> list[str]:
    """Give every demo account needing two-factor a confirmed device; return usernames."""
    enrolled = []
    for user in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}", is_active=True):
        if not twofactor.account_requires_totp(user) or TotpDevice.objects.filter(user=user).exists():
            continue
        TotpDevice.objects.create(
            user=user, secret=demo_secret(user.username, seed), confirmed_at=timezone.now()
        )
        enrolled.append(user.username)
    return enrolled


def current_code_for(username: str, seed: int = DEFAULT_SEED) -> tuple[str, int]:
    """The current code for a demo account (enrolling it first if needed)."""
    user = _demo_user(username)
    device = TotpDevice.objects.filter(user=user).first()
    if device is None:
        device = TotpDevice.objects.create(
            user=user, secret=demo_secret(username, seed), confirmed_at=timezone.now()
        )
    now = time.time()
    return twofactor.current_code(device.secret, now), twofactor.STEP_SECONDS - int(
        now
    ) % twofactor.STEP_SECONDS
