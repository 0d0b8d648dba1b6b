"""Account services: disabling dormant accounts."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit import services as auditor
from audit.models import AuditAction

from .dormancy import dormant_accounts
from .models import User
from .permissions import Permission


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
