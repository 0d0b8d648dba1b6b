"""Shared services: notifying staff."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import Notification

if TYPE_CHECKING:
    from accounts.models import User


def notify(*, recipient: "User", subject: str, body: str = "", link: str = "") -> Notification:
    """Create an in-app notification (shown in the header and on the notifications page)."""
    return Notification.objects.create(recipient=recipient, subject=subject, body=body, link=link)


@transaction.atomic
def mark_notifications_read(*, actor: "User") -> int:
    return Notification.objects.unread_for(actor).update(read_at=timezone.now())
