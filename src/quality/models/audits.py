from django.db import models

from core.records import person_key, staff

from .kept import WorkerAtTheTime


class Grade(models.TextChoices):
    OUTSTANDING = "OUTSTANDING", "Outstanding"
    GOOD = "GOOD", "Good"
    REQUIRES_IMPROVEMENT = "REQUIRES_IMPROVEMENT", "Requires improvement"
    INADEQUATE = "INADEQUATE", "Inadequate"


GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING, Grade.GOOD})


class AuditTool(models.Model):
    """An audit tool the authority configures: its sections and questions, each graded."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditSection(models.Model):
    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)

    class Meta:
        ordering = ["tool", "order"]
        constraints = [models.UniqueConstraint(fields=["tool", "order"], name="quality_section_order")]

    def __str__(self) -> str:
        return self.title


class AuditQuestion(models.Model):
    section = models.ForeignKey(AuditSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["section__order", "order"]
        constraints = [models.UniqueConstraint(fields=["section", "order"], name="quality_question_order")]

    def __str__(self) -> str:
        return self.text


class CaseAudit(WorkerAtTheTime):
    """An audit of a child's case with a tool: every question graded with its evidence, an
    overall grade, and what was learned. The child's worker and team are kept as they were."""

    person = person_key("case_audits")
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="audits")
    auditor = staff()
    audited_on = models.DateField()
    grade = models.CharField("Overall grade", max_length=20, choices=Grade.choices)
    learning = models.TextField("What we learned")
    worker_took_part = models.BooleanField("The child's worker took part", default=False)
    manager_took_part = models.BooleanField("The worker's team manager took part", default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audited_on", "-id"]

    def __str__(self) -> str:
        return f"Case audit {self.audited_on:%d/%m/%Y}"


class AuditAnswer(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=Grade.choices)
    evidence = models.TextField()

    class Meta:
        ordering = ["question__section__order", "question__order"]
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="quality_one_answer")]

    def __str__(self) -> str:
        return f"{self.get_grade_display()}: {self.question_id}"


class Moderation(models.Model):
    """A second auditor's moderation: the agreed grade, kept beside the first."""

    audit = models.OneToOneField(CaseAudit, on_delete=models.PROTECT, related_name="moderation")
    moderator = staff()
    moderated_on = models.DateField()
    agreed_grade = models.CharField(max_length=20, choices=Grade.choices)
    comments = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Moderation {self.moderated_on:%d/%m/%Y}"

    @property
    def agrees(self) -> bool:
        return self.agreed_grade == self.audit.grade
