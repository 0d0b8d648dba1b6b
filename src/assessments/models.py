"""The single assessment (and legacy initial/core assessments) and commissioned assessments.

DATA_MODEL §2.6: an assessment belongs to a CIN episode (`frontdoor.Referral`); its due date
comes from `timescales` (rule `assessment`, 45 working days from the referral date; legacy
kinds use `legacy_initial_assessment` / `legacy_core_assessment`) and is stored with the
calendar version used. Status changes only through `assessments.services` (declared machine
in `assessments.machines`).
"""

from django.db import models

from codes import cin as cin_codes
from core.records import RecordedBy, calendar_stamp, person_key, staff
from core.versioning import Versioned
from core.workflow import StatusChangeBase, history_of


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    AWAITING_AUTHORISATION = "AWAITING_AUTHORISATION", "Submitted for authorisation"
    AUTHORISED = "AUTHORISED", "Authorised"


class AssessmentKind(models.TextChoices):
    SINGLE = "SINGLE", "Child and family assessment"
    LEGACY_INITIAL = "LEGACY_INITIAL", "Initial assessment (legacy)"
    LEGACY_CORE = "LEGACY_CORE", "Core assessment (legacy)"


KIND_RULE: dict[str, str] = {
    AssessmentKind.SINGLE: "assessment",
    AssessmentKind.LEGACY_INITIAL: "legacy_initial_assessment",
    AssessmentKind.LEGACY_CORE: "legacy_core_assessment",
}


class AssessmentOutcome(models.TextChoices):
    """Outcome flags at the end of assessment (DATA_MODEL §2.6)."""

    NFA = "NFA", "No further action"
    STRATEGY = "STRATEGY", "Strategy discussion"
    CIN = "CIN", "Child in need plan or services"
    CLA = "CLA", "Request to become looked after"
    EARLY_HELP = "EARLY_HELP", "Referral to early help"
    SPECIALIST = "SPECIALIST", "Specialist assessment"
    OTHER = "OTHER", "Other actions"


class Assessment(Versioned, models.Model):
    person = person_key("assessments")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices, default=AssessmentKind.SINGLE)
    start_date = models.DateField()
    due_date = models.DateField(help_text="Statutory due date from the timescales rule.")
    local_target_date = models.DateField(null=True, blank=True)
    calendar_version = calendar_stamp()
    worker = staff()
    factors = models.JSONField(default=list, blank=True, help_text="codes.cin.ASSESSMENT_FACTOR codes")
    risk_factors = models.TextField(blank=True)
    protective_factors = models.TextField(blank=True)
    child_seen_on = models.DateField(null=True, blank=True)
    child_seen_alone_on = models.DateField(null=True, blank=True)
    child_wishes = models.TextField("The child's wishes and feelings, in their words", blank=True)
    identity = models.TextField("Identity, culture, religion, language and disability", blank=True)
    analysis = models.TextField(blank=True)
    outcomes = models.JSONField(default=list, blank=True, help_text="AssessmentOutcome values")
    outcome_other = models.CharField(max_length=200, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    authorised_on = models.DateField(null=True, blank=True, help_text="Assessment actual end date.")
    authorised_by = staff(optional=True)
    status = models.CharField(
        max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["person", "status"]), models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} started {self.start_date:%d/%m/%Y}"

    def factor_labels(self) -> list[str]:
        return [f"{c} {cin_codes.ASSESSMENT_FACTOR.label(c)}" for c in self.factors]

    def outcome_labels(self) -> list[str]:
        return [AssessmentOutcome(o).label for o in self.outcomes]


class AssessmentStatusChange(StatusChangeBase):
    assessment = history_of(Assessment)
    EVENT_LABELS = {
        "submit": "Submitted for authorisation",
        "authorise": "Assessment authorised",
        "return_for_work": "Returned for more work",
    }


class AssessmentReturn(models.Model):
    """A manager returned the assessment as not meeting the agreed standard (counted)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="returns")
    returned_by = staff()
    returned_at = models.DateTimeField()
    comments = models.TextField()

    class Meta:
        ordering = ["returned_at", "id"]

    def __str__(self) -> str:
        return f"Returned {self.returned_at:%d/%m/%Y}"


class CommissionedKind(models.TextChoices):
    SPECIALIST = "SPECIALIST", "Specialist assessment"
    PARENTING = "PARENTING", "Parenting assessment"


class CommissionedAssessment(RecordedBy):
    """A specialist or parenting assessment commissioned from a provider."""

    person = person_key()
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="commissioned"
    )
    kind = models.CharField(max_length=20, choices=CommissionedKind.choices)
    description = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    commissioned_on = models.DateField()
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-commissioned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"
