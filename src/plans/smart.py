"""SMART plan actions, shared by child protection plans and child in need plans.

A plan is made of actions: who (person and agency), what, by when, which worry or goal it
serves, status and progress. A plan with an action that lacks any of who/what/by-when cannot
be signed off (inspectors' criticism of plans without who/what/by-when: Liverpool 2011).
`protection.models.CPPlanAction` and `cin.models.CINPlanAction` both derive from
`SmartAction`; the sign-off rule and the overdue rule live here once.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from core.records import RecordedBy
from core.versioning import Versioned

from .models import PlanPart


class ActionStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", "Not started"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    DONE = "DONE", "Done"
    NOT_DONE = "NOT_DONE", "Not done"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
ACTION_FIELDS = ("what", "who_person", "who_agency", "by_when", "serves")


class SmartActionQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def overdue(self, today: date) -> "SmartActionQuerySet":
        """Actions still open after their by-when date (`action_overdue`, in one query)."""
        return self.filter(by_when__lt=today, status__in=OPEN_ACTION_STATUSES)


class SmartAction(PlanPart, Versioned, models.Model):
    """One action of a plan; a concrete action adds `plan`, the plan it belongs to."""

    who_person = models.CharField("Who (person)", max_length=120, blank=True)
    who_agency = models.CharField("Who (agency)", max_length=120, blank=True)
    what = models.TextField("What needs to happen", blank=True)
    by_when = models.DateField("By when", null=True, blank=True)
    serves = models.CharField("The worry or goal it serves", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.TextField("Latest progress", blank=True)
    progress_noted_on = models.DateField(null=True, blank=True)

    objects = SmartActionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["id"]

    def missing_parts(self) -> list[str]:
        return missing_parts(self)

    def is_overdue(self, today: date) -> bool:
        return action_overdue(self, today)


class ActionProgressBase(RecordedBy):
    """Progress against one action, noted at the meeting that reviews the plan (a concrete
    row adds `action` and the meeting; `plans.services.note_progress` writes it)."""

    noted_on = models.DateField()
    status = models.CharField(max_length=20)
    note = models.TextField()

    class Meta:
        abstract = True
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"Progress {self.noted_on:%d/%m/%Y}"


def missing_parts(action: SmartAction) -> list[str]:
    """Which of who/what/by-when the action lacks (empty list: the action is SMART enough)."""
    missing = []
    if not action.who_person.strip() or not action.who_agency.strip():
        missing.append("who")
    if not action.what.strip():
        missing.append("what")
    if action.by_when is None:
        missing.append("by when")
    return missing


def action_overdue(action: SmartAction, today: date) -> bool:
    """An action is overdue when it is still open (not started / in progress) after its
    by-when date. Source: the plan itself (Working Together 2023 ch.3: the plan sets out
    what needs to happen, by whom and by when)."""
    return action.by_when is not None and action.by_when < today and action.status in OPEN_ACTION_STATUSES


def check_sign_off(actions: Iterable[SmartAction]) -> None:
    """Refuse sign-off of a plan with no actions or with any action lacking who/what/when."""
    actions = list(actions)
    if not actions:
        raise ValidationError({"actions": "Add at least one action before the plan is signed off"})
    incomplete = [(i, a.missing_parts()) for i, a in enumerate(actions, start=1) if a.missing_parts()]
    if incomplete:
        parts = "; ".join(f"action {i} has no {' or '.join(m)}" for i, m in incomplete)
        raise ValidationError(
            {
                "actions": f"The plan cannot be signed off until every action says who, what and by when: {parts}"
            }
        )


def action_errors(action: dict[str, Any], plan_start: date) -> dict[str, str]:
    """An action as entered: not empty, and not due before the plan started."""
    if not any(action.get(k) for k in ACTION_FIELDS):
        return {"what": "Enter what needs to happen"}
    by_when = action.get("by_when")
    if by_when is not None and by_when < plan_start:
        return {"by_when": f"By when must be on or after {plan_start:%-d %B %Y}, when the plan started"}
    return {}


def clean_action_data(data: dict[str, Any]) -> dict[str, Any]:
    """The action's fields from a form's or a caller's data, text stripped."""
    cleaned = {k: data.get(k) for k in ACTION_FIELDS if k in data}
    for k, v in cleaned.items():
        if isinstance(v, str):
            cleaned[k] = v.strip()
    return cleaned
