"""What child protection plans and child in need plans share: the plan's statuses, the fields
every plan has, and what differs between the two kinds (`PlanKind`).

A plan is drafted, signed off (by the conference chair for a child protection plan, by a
manager for a child in need plan) and ended (`plans.machines.PlanMachine`). Its tables belong
to its stage (`protection.CPPlan`, `cin.CINPlan`); these bases are abstract and own none.
"""

from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from accounts.permissions import Permission
from core.records import Part
from core.versioning import Versioned


class PlanStatus(models.TextChoices):
    DRAFT = "DRAFT", "Awaiting sign-off"
    ACTIVE = "ACTIVE", "Active"
    ENDED = "ENDED", "Ended"


# What a plan's events are called in its history (`StatusChangeBase.EVENT_LABELS`).
PLAN_EVENT_LABELS = {"sign_off": "Plan signed off", "end": "Plan ended"}


@dataclass(frozen=True)
class PlanKind:
    """What differs between the kinds of plan that share the plan services, pages and work
    list: each concrete plan model declares one as `kind`."""

    name: str  # "child protection plan": in page titles, work-list items and audit summaries
    urls: str  # the URL namespace of the kind's pages (`<urls>:plan`, `<urls>:action_edit` …)
    record: Permission  # writes the plan's content and actions
    sign_off: Permission
    end: Permission
    worries_before_sign_off: bool = False  # sign-off refused until the worries are written
    records_signer: bool = False  # the plan keeps who signed it off (`signed_off_by`)
    step_down: bool = False  # ending the plan records what happens next (`step_down`)

    @property
    def title(self) -> str:
        return self.name[0].upper() + self.name[1:]


class PlanPart(Part):
    """A record that belongs to a plan (an action, a chair's check): its child is the plan's."""

    whole = "plan"
    plan: Any


class PlanQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def current(self) -> "PlanQuerySet":
        """Plans not ended: drafts awaiting sign-off and active plans."""
        return self.exclude(status=PlanStatus.ENDED)


class Plan(Versioned, models.Model):
    """The fields every plan has. A concrete plan adds its child (`person`), its episode
    (`referral`), its status history (`status_history`) and its actions (`actions`)."""

    kind: ClassVar[PlanKind]
    person: Any
    referral: Any
    actions: Any
    status_history: Any

    start_date = models.DateField()
    worries = models.TextField("What we are worried about", blank=True)
    goals = models.TextField("What needs to change (goals)", blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)

    objects = PlanQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.kind.title} from {self.start_date:%d/%m/%Y}"


def refuse_if_ended(plan: Plan) -> None:
    """Nothing is added to or changed on a plan that has ended."""
    if plan.status == PlanStatus.ENDED:
        raise ValidationError({"plan": "The plan has ended"})
