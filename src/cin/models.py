"""Child in need plans and CIN reviews (DATA_MODEL §2.13).

A child in need plan is a plan of SMART actions like a child protection plan (`plans`):
drafted, signed off by a manager, ended. Visits are `casework.Visit` rows of kind CIN.
"""

from django.db import models

from accounts.permissions import Permission
from core.records import RecordedBy, person_key, staff
from core.workflow import StatusChangeBase, history_of
from plans.models import PLAN_EVENT_LABELS, Plan, PlanKind
from plans.smart import ActionProgressBase, SmartAction


class CINPlan(Plan):
    kind = PlanKind(
        name="child in need plan",
        urls="cin",
        record=Permission.RECORD_CIN,
        sign_off=Permission.SIGN_OFF_CIN_PLAN,
        end=Permission.RECORD_CIN,
        records_signer=True,
    )

    person = person_key("cin_plans")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    signed_off_by = staff(optional=True)
    created_by = staff()


class CINPlanStatusChange(StatusChangeBase):
    plan = history_of(CINPlan)
    EVENT_LABELS = PLAN_EVENT_LABELS


class CINPlanAction(SmartAction):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="actions")


class CINReview(RecordedBy):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    progress = models.TextField()
    child_views = models.TextField("The child's views", blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Child in need review {self.held_on:%d/%m/%Y}"


class CINActionProgress(ActionProgressBase):
    """Progress against one action of a child in need plan, noted at a review."""

    action = models.ForeignKey(CINPlanAction, on_delete=models.CASCADE, related_name="progress_notes")
    review = models.ForeignKey(CINReview, on_delete=models.CASCADE, related_name="+")
