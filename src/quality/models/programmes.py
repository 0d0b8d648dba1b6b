from django.conf import settings
from django.db import models

from core.records import person_key, staff

from .kept import WorkerAtTheTime


class SamplingRule(models.TextChoices):
    RANDOM = "RANDOM", "Random"
    STRATIFIED = "STRATIFIED", "Stratified by team and kind of work"
    SECOND_CP_PLAN = "SECOND_CP_PLAN", "Theme: children on a second or later child protection plan"


class AuditProgramme(models.Model):
    """A month's audit programme: a sample of children drawn by a rule, each assigned an
    auditor from outside the child's team. A multi-agency programme has partner auditors
    too, let into the sampled children's records (and no others) until the month's end."""

    name = models.CharField(max_length=120)
    month = models.DateField(help_text="The first day of the month audited.")
    tool = models.ForeignKey("quality.AuditTool", on_delete=models.PROTECT, related_name="programmes")
    rule = models.CharField(max_length=20, choices=SamplingRule.choices)
    size = models.PositiveSmallIntegerField()
    drawn_by = staff()
    drawn_at = models.DateTimeField(auto_now_add=True)
    partner_auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="partner_audit_programmes"
    )

    class Meta:
        ordering = ["-month", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.month:%B %Y})"


class ProgrammeCase(WorkerAtTheTime):
    """A child sampled in a programme, with the auditor assigned and, once done, the audit."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="cases")
    person = person_key()
    auditor = staff()
    audit = models.OneToOneField(
        "quality.CaseAudit", null=True, blank=True, on_delete=models.SET_NULL, related_name="programme_case"
    )

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "person"], name="quality_sampled_once")]

    def __str__(self) -> str:
        return f"Sampled in {self.programme}"
