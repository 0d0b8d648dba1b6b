"""Export runs of the statutory returns, and the validation findings kept current over live data.

An `ExportRun` is one request to build a return: it moves queued -> running -> succeeded or
failed (`returns.machines.ExportRunMachine`), each move an append-only `ExportRunStatusChange`.
Its file is kept in the private "returns" storage, never under a public URL: the only way
to it is the audited download view. Its error text is the kind of failure, never data.

A `ValidationFinding` is one failing rule on one child (or on the whole return), kept
current: a full validation run or a child's re-validation marks findings no longer raised
as resolved, refreshes those still raised, and adds new ones.
"""

from django.db import models

from core.records import person_trace, staff
from core.workflow import StatusChangeBase, history_of

RETURN_CHOICES = [
    ("cin_census", "Children in need census"),
    ("ssda903", "SSDA903 (children looked after)"),
    ("annex_a", "Ofsted Annex A"),
]


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class ExportRun(models.Model):
    return_name = models.CharField(max_length=20, choices=RETURN_CHOICES)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Collection year, named by the year it ends (31 March)."
    )
    as_of = models.DateField(null=True, blank=True, help_text="Annex A: the date the lists are drawn at.")
    requested_by = staff()
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_stage = models.CharField(max_length=80, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=120, blank=True)
    file_path = models.CharField(max_length=200, blank=True, help_text="Name in the private returns storage.")
    file_size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.return_name} run {self.pk} ({self.status})"

    @property
    def parameter_label(self) -> str:
        if self.year:
            return f"{self.year - 1} to {self.year}"
        return self.as_of.strftime("%-d %B %Y") if self.as_of else ""

    @property
    def percent(self) -> int:
        if self.status == RunStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def in_progress(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


class ExportRunStatusChange(StatusChangeBase):
    run = history_of(ExportRun)
    EVENT_LABELS = {
        "start": "Started",
        "succeed": "Finished",
        "fail": "Failed",
    }


class Severity(models.TextChoices):
    ERROR = "error", "Error"
    QUERY = "query", "Query"
    GAP = "gap", "Gap"


class FindingQuerySet(models.QuerySet["ValidationFinding"]):
    def current(self) -> "FindingQuerySet":
        return self.filter(resolved_at__isnull=True)


class ValidationFinding(models.Model):
    key = models.CharField(max_length=64, unique=True, help_text="Identity of the finding (a hash).")
    return_name = models.CharField(max_length=20, choices=RETURN_CHOICES)
    rule_code = models.CharField(max_length=60)
    message = models.TextField()
    severity = models.CharField(max_length=10, choices=Severity.choices)
    # Not a constrained key: findings follow the child's record but never block its deletion.
    person = person_trace()
    source_model = models.CharField(max_length=60, blank=True, help_text='"app_label.modelname"')
    source_pk = models.BigIntegerField(null=True, blank=True)
    fields = models.JSONField(default=list, blank=True)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["return_name", "rule_code", "id"]
        indexes = [
            models.Index(fields=["return_name", "resolved_at"]),
            models.Index(fields=["person", "resolved_at"]),
            models.Index(fields=["rule_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.return_name} {self.rule_code} on {self.person_id}"


class ValidationRun(models.Model):
    """One full validation of live data (scheduled or asked for): when, and what it found."""

    year = models.PositiveSmallIntegerField()
    requested_by = staff(optional=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"validation {self.year} at {self.started_at:%Y-%m-%d %H:%M}"


class PendingRevalidation(models.Model):
    """A re-validation waiting in the queue: one row per child (or "all"), so repeated
    changes before the worker gets to it enqueue one task, not many."""

    key = models.CharField(max_length=40, unique=True)
    requested_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.key


class ValidatedInput(models.Model):
    """What one child's rows in a return looked like when their findings were last worked out:
    a fingerprint of their rows in each table the rules read (`returns.incremental`). A child's
    re-validation runs only the rules that read a table whose fingerprint has changed; the
    other rules' stored findings still hold (ADR 0023)."""

    return_name = models.CharField(max_length=20, choices=RETURN_CHOICES)
    year = models.PositiveSmallIntegerField(help_text="Collection year the fingerprints are for.")
    # Deleted with the child's record (erasure), and not a database constraint, as on
    # ValidationFinding: the whole run replaces these rows in bulk.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    fingerprints = models.JSONField(default=dict, help_text="Table name: digest of the child's rows.")
    validated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["return_name", "person"], name="validated_input_unique")
        ]

    def __str__(self) -> str:
        return f"{self.return_name} {self.year} input of {self.person_id}"
