"""The append-only audit of every view and change of a person's record (ADR 0003).

Audit is separate from functional history: business logic never reads it. Rows are
never updated or deleted: database triggers refuse it (migration 0002), and each row
carries a SHA-256 hash of its content and of the previous row, so any tampering that
bypasses the triggers is detected by `manage.py verify_audit_chain`.
"""

from django.conf import settings
from django.db import models

from core.records import person_trace


class AuditAction(models.TextChoices):
    VIEW = "VIEW", "Viewed"
    CREATE = "CREATE", "Created"
    UPDATE = "UPDATE", "Changed"
    MERGE = "MERGE", "Merged"
    UNMERGE = "UNMERGE", "Merge undone"
    RESTRICT = "RESTRICT", "Restriction changed"
    BREAK_GLASS = "BREAK_GLASS", "Broke the glass"
    REFUSED = "REFUSED", "Access refused"
    SEARCH = "SEARCH", "Searched"
    EXPORT = "EXPORT", "Exported"
    SIGN_IN = "SIGN_IN", "Signed in"
    SIGN_IN_FAILED = "SIGN_IN_FAILED", "Sign-in failed"
    SIGN_OUT = "SIGN_OUT", "Signed out"
    LOCKOUT = "LOCKOUT", "Sign-in locked"
    UNLOCK = "UNLOCK", "Sign-in unlocked"
    RESET_TWO_FACTOR = "RESET_TWO_FACTOR", "Two-factor reset"
    DELETE = "DELETE", "Deleted"


# Security and retention events an auditor can list on their own (audit index filter).
SECURITY_ACTIONS = (
    AuditAction.SIGN_IN_FAILED,
    AuditAction.LOCKOUT,
    AuditAction.UNLOCK,
    AuditAction.RESET_TWO_FACTOR,
    AuditAction.DELETE,
    AuditAction.BREAK_GLASS,
    AuditAction.REFUSED,
)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def views(self) -> "AuditEventQuerySet":
        return self.filter(action__in=[AuditAction.VIEW, AuditAction.BREAK_GLASS])


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    # The child (or other person) whose record this is about. Not a constrained foreign
    # key: the audit must outlive merges and approved deletions of the record itself.
    person = person_trace()
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["person", "occurred_at"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"
