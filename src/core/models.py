"""Shared kernel models: in-app notifications to staff."""

from django.conf import settings
from django.db import models


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread_for(self, user: object) -> "NotificationQuerySet":
        return self.filter(recipient=user, read_at__isnull=True)


class Notification(models.Model):
    """A message to a member of staff, e.g. that someone broke the glass on a record."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
