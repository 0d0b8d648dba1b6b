"""Shared kernel models: in-app notifications to staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread_for(self, user: object) -> "NotificationQuerySet":
        return self.filter(recipient=user, read_at__isnull=True)


class Notification(models.Model):
    """A message to a member of staff, e.g. that someone broke the glass on a record, or that
    an assessment waits for their authorisation. It names a child only as the recipient may
    see them (`people.services.notices`); its link goes through the access door."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # When what it tells of happened (a submission recorded for an earlier day is dated then).
    created_at = models.DateTimeField(default=timezone.now)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class Draft(models.Model):
    """Form answers kept on the server so typed work survives session expiry (ADR 0009).

    One per user and form address. Saved by `harbour/session.js` as the user types, by a
    "Save draft" button, and by the session middleware when a form arrives after the
    session has ended. Deleted when the form is submitted successfully or discarded.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    url = models.CharField(max_length=300)
    data = models.JSONField(default=dict)  # {field name: [values]}
    updated_at = models.DateTimeField()
    # True when the form was posted after the session ended (not yet submitted again).
    from_expired_session = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["user", "url"], name="core_draft_one_per_user_url")]

    def __str__(self) -> str:
        return f"Draft of {self.url} for user {self.user_id}"
