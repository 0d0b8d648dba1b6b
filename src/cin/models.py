"""Child in need plans (SMART actions shared with CP plans), CIN reviews (DATA_MODEL §2.13).

The plan workflow is the CP plan's machine (`protection.machines.PlanMachine`: draft →
active when a manager signs it off → ended). Visits are `casework.Visit` rows of kind CIN.
"""

from django.conf import settings
from django.db import models

from core.versioning import Versioned
from core.workflow import StatusChangeBase
from protection.models import PlanStatus
from protection.smart import SmartAction


class CINPlan(Versioned, models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_plans")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    worries = models.TextField("What we are worried about", blank=True)
    goals = models.TextField("What needs to change (goals)", blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"Child in need plan from {self.start_date:%d/%m/%Y}"


class CINPlanStatusChange(StatusChangeBase):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="status_history")


class CINPlanAction(SmartAction):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="actions")


class CINReview(models.Model):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    progress = models.TextField()
    child_views = models.TextField("The child's views", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Child in need review {self.held_on:%d/%m/%Y}"
