"""Which accounts are dormant: no sign-in for `HARBOUR_DORMANT_DAYS` (default 90).

An account that has never signed in counts from when it was created. Only active
accounts can be dormant; disabling is `accounts.services.disable_dormant_accounts`.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import User


def cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.HARBOUR_DORMANT_DAYS)


def dormant_accounts(now: datetime | None = None) -> QuerySet[User]:
    limit = cutoff(now)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(last_login__lt=limit) | Q(last_login__isnull=True, date_joined__lt=limit))
        .select_related("team")
        .order_by("last_login", "username")
    )
