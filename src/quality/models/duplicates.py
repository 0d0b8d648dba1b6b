"""The duplicate sweep's queue: pairs of records that may be one person, awaiting a decision."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

from core.records import person_trace, staff
from core.workflow import StatusChangeBase, history_of


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting review"
    ACCEPTED = "accepted", "Merged"
    REJECTED = "rejected", "Not the same person"


class DuplicatePair(models.Model):
    """Two active records the sweep found probably the same person (`person` the lower key),
    with the duplicate check's score and reasons. A pair once decided stays: a rejected pair is
    never proposed again, an accepted one names the merge it made."""

    person = person_trace()
    other_person = person_trace()
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED)
    proposed_at = models.DateTimeField()
    last_found_at = models.DateTimeField(help_text="The last sweep that found the pair.")
    decided_by = staff(optional=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    merge = models.ForeignKey(
        "people.MergeRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="duplicate_pair_once"),
            models.CheckConstraint(name="duplicate_pair_ordered", condition=Q(person__lt=F("other_person"))),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="duplicate_pair_queue")]

    def __str__(self) -> str:
        return f"Possible duplicate {self.person_id} and {self.other_person_id}"

    @property
    def person_ids(self) -> tuple[int, int]:
        """The two records' keys (a pair always names two)."""
        assert self.person_id is not None and self.other_person_id is not None  # noqa: S101
        return self.person_id, self.other_person_id


class DuplicatePairStatusChange(StatusChangeBase):
    pair = history_of(DuplicatePair)

    EVENT_LABELS: ClassVar[dict[str, str]] = {
        "accept": "Accepted: the records were merged",
        "reject": "Rejected: not the same person",
    }


class DuplicateSweep(models.Model):
    """One run of the sweep: when, over how many people, and what it found."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    people = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0, help_text="Pairs compared after blocking.")
    probable = models.PositiveIntegerField(default=0, help_text="Pairs the weighing found probable.")
    proposed = models.PositiveIntegerField(default=0, help_text="Of them, new to the queue.")
    skipped_blocks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Duplicate sweep {self.started_at:%Y-%m-%d %H:%M}"
