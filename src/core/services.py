"""Shared services: notifying staff."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import Notification

if TYPE_CHECKING:
    from accounts.models import User


def notify(
    *, recipient: "User", subject: str, body: str = "", link: str = "", at: datetime | None = None
) -> Notification:
    """Create an in-app notification (shown in the header and on the notifications page),
    in the caller's transaction; `at`, when what it tells of happened (default now)."""
    return Notification.objects.create(
        recipient=recipient, subject=subject, body=body, link=link, created_at=at or timezone.now()
    )


@transaction.atomic
def mark_notifications_read(*, actor: "User") -> int:
    return Notification.objects.unread_for(actor).update(read_at=timezone.now())


@transaction.atomic
def mark_notification_read(*, actor: "User", notification_id: int) -> bool:
    """Mark one of the actor's own notifications read (False if it is not theirs or was read)."""
    return bool(
        Notification.objects.unread_for(actor).filter(pk=notification_id).update(read_at=timezone.now())
    )
