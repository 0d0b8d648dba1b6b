"""Approved deletion of records past their retention period (ADR 0010)."""

from django.db import models

from core.records import staff
from core.workflow import StatusChangeBase


class DeletionStatus(models.TextChoices):
    PROPOSED = "PROPOSED", "Awaiting approval"
    APPROVED = "APPROVED", "Approved"
    REJECTED = "REJECTED", "Rejected"
    DELETED = "DELETED", "Deleted"


class DeletionRequest(models.Model):
    """A proposal to delete one person's record; a second person approves it."""

    # Null once the record is deleted; `person_ref` (the Harbour ID) remains for the log.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_ref = models.CharField("Harbour ID", max_length=20)
    rule_id = models.CharField(max_length=30)
    retain_until = models.DateField()
    status = models.CharField(max_length=20, choices=DeletionStatus.choices, default=DeletionStatus.PROPOSED)
    proposed_by = staff()
    proposed_at = models.DateTimeField()
    decided_by = staff(optional=True)
    deleted_rows = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"Deletion of {self.person_ref} ({self.get_status_display()})"


class DeletionRequestStatusChange(StatusChangeBase):
    request = models.ForeignKey(DeletionRequest, on_delete=models.PROTECT, related_name="status_history")
    EVENT_LABELS = {
        "approve": "Deletion approved",
        "reject": "Deletion refused",
        "record_deleted": "Record deleted",
    }
