"""Allocation of children to workers and teams, with full history."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.records import Entered, ends_after_start, person_key, staff


class AllocationRole(models.TextChoices):
    SOCIAL_WORKER = "SOCIAL_WORKER", "Allocated social worker"
    EARLY_HELP_WORKER = "EARLY_HELP_WORKER", "Early help worker"
    LEAD_PROFESSIONAL = "LEAD_PROFESSIONAL", "Lead professional"
    PERSONAL_ADVISER = "PERSONAL_ADVISER", "Personal adviser"
    IRO = "IRO", "Independent reviewing officer"
    CP_CHAIR = "CP_CHAIR", "Child protection chair"
    PARTNER = "PARTNER", "Partner agency professional"


class AllocationReason(models.TextChoices):
    """Reasons for a change of worker (Standard Safeguarding Dataset involvements)."""

    FCONTA = "FCONTA", "First contact or re-referral"
    MANAGE = "MANAGE", "Caseload management"
    LEFTRL = "LEFTRL", "Previous worker left the role"
    ORGRST = "ORGRST", "Restructure"
    TSPROC = "TSPROC", "Standard transfer between teams"
    ABSENC = "ABSENC", "Absence cover, or return from absence"
    CHCHAN = "CHCHAN", "Child requested a change"
    PCCHAN = "PCCHAN", "Parent or carer requested a change"
    SWDIED = "SWDIED", "Previous worker died"
    CLOSED = "CLOSED", "Case closed"
    OTHERS = "OTHERS", "Other"


class AllocationQuerySet(models.QuerySet["Allocation"]):
    def current(self, on: date | None = None) -> "AllocationQuerySet":
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def for_worker(self, worker: object) -> "AllocationQuerySet":
        return self.filter(worker=worker)

    def for_team(self, team: object) -> "AllocationQuerySet":
        return self.filter(team=team)


class Allocation(Entered):
    person = person_key("allocations")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=20, choices=AllocationRole.choices)
    start_date = models.DateField()
    start_reason = models.CharField(max_length=6, choices=AllocationReason.choices)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=6, choices=AllocationReason.choices, blank=True)
    ended_by = staff(optional=True, on_delete=models.SET_NULL)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["worker", "end_date"]),
            models.Index(fields=["team", "end_date"]),
            models.Index(fields=["person", "role", "end_date"]),
        ]
        constraints = [ends_after_start("allocation_end_after_start")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} for {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None
