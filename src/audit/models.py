"""The append-only audit of every view and change of a person's record (ADR 0003).

Audit is separate from functional history: business logic never reads it. Rows are
never updated or deleted: database triggers refuse it (migration 0001_squashed_0005), the
application's database role may only insert and read them (`manage.py harden_database`), and
each row carries an HMAC, under a key kept outside the database (`audit.keys`), of its content
and of the previous row's hash, so any tampering that gets past both is detected by
`manage.py verify_audit_chain`. Signed checkpoints (`AuditCheckpoint`, exported with
`manage.py audit_checkpoint`) anchor the chain outside the database.
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
    # The HARBOUR_AUDIT_KEYS entry whose HMAC `hash` is; empty on rows written before the
    # chain was keyed, whose hash is plain SHA-256 (audit.hashing).
    key_id = models.CharField(max_length=32, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["person", "occurred_at"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"


class AuditCheckpoint(models.Model):
    """An anchor of the chain: its last row and hash at a moment, signed with the audit key.

    Written by the nightly schedule and by `manage.py audit_checkpoint`, which also exports it
    for the authority to keep outside the database; append-only like the audit rows.
    """

    created_at = models.DateTimeField()
    # The last audit row covered (its id is the chain's sequence number) and its hash.
    event_id = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)
    rows = models.BigIntegerField()  # audit rows up to and including event_id
    key_id = models.CharField(max_length=32)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Checkpoint at audit row {self.event_id} ({self.created_at:%Y-%m-%d %H:%M})"
