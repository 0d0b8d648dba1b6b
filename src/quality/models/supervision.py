from django.conf import settings
from django.db import models
from django.db.models import Q

from core.records import Recorded, person_key, staff
from core.workflow import StatusChangeBase, history_of


class SupervisionSession(Recorded):
    """A worker's supervision. The reflective and wellbeing discussion is private to the worker,
    the supervisor and their managers (`quality.rules.may_read_reflective`); the directions
    given for the children discussed go on each child's record."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_received"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    held_on = models.DateField()
    reflective = models.TextField("Reflective discussion", blank=True)
    wellbeing = models.TextField("Wellbeing and support", blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["worker", "held_on"])]

    def __str__(self) -> str:
        return f"Supervision {self.held_on:%d/%m/%Y}"


class CaseDirection(models.Model):
    """A manager's direction on a child's case, given in supervision: what the analysis is,
    what must be achieved, what is to be done by whom and when, what happens if it is not,
    and when the direction is next reviewed. A later direction for the child supersedes it."""

    person = person_key("case_directions")
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="directions", null=True, blank=True
    )
    given_on = models.DateField()
    given_by = staff()
    worker = staff()
    analysis = models.TextField()
    objectives = models.TextField("Planning objectives")
    contingency = models.TextField("Contingency plan", blank=True)
    review_on = models.DateField("Direction next reviewed by")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"Case direction {self.given_on:%d/%m/%Y}"


class DirectionOutcome(models.TextChoices):
    DONE = "DONE", "Done"
    CARRIED = "CARRIED", "Carried over"
    NOT_NEEDED = "NOT_NEEDED", "No longer needed"


CLOSING_OUTCOMES = (DirectionOutcome.DONE, DirectionOutcome.NOT_NEEDED)


class DirectionReview(models.Model):
    """What a later supervision found of an open case direction: done, no longer needed (both
    close it) or carried over to a new review date. Append-only: the carried reviews are the
    direction's history (how many times, from which date to which)."""

    direction = models.ForeignKey(CaseDirection, on_delete=models.PROTECT, related_name="reviews")
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="direction_reviews"
    )
    outcome = models.CharField(max_length=12, choices=DirectionOutcome.choices)
    note = models.TextField(blank=True)
    previous_review_on = models.DateField(help_text="The review date the direction had before.")
    next_review_on = models.DateField(null=True, blank=True, help_text="The new date, when carried over.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["direction", "session"], name="quality_direction_reviewed_once"),
            models.CheckConstraint(
                name="quality_carried_direction_has_new_date",
                condition=Q(outcome="CARRIED", next_review_on__isnull=False)
                | (~Q(outcome="CARRIED") & Q(next_review_on__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.direction})"


class OversightPoint(models.TextChoices):
    FRONT_DOOR = "FRONT_DOOR", "Front door decision"
    ASSESSMENT = "ASSESSMENT", "Assessment sign-off"
    PLAN = "PLAN", "Plan sign-off"
    CHANGE_OF_PLAN = "CHANGE_OF_PLAN", "Change of plan"
    CLOSURE = "CLOSURE", "Case closure"
    ANY_TIME = "ANY_TIME", "Case review"


class Oversight(models.Model):
    """Management oversight at a point of the child's journey: the manager's decision with its
    rationale is a `protection.ManagementDecision` (the one record of a manager's decision);
    this adds the point, the direction and when it is next reviewed."""

    decision = models.OneToOneField(
        "protection.ManagementDecision", on_delete=models.PROTECT, related_name="oversight"
    )
    point = models.CharField(max_length=20, choices=OversightPoint.choices)
    direction = models.TextField(blank=True)
    review_on = models.DateField("Next reviewed by")

    def __str__(self) -> str:
        return f"{self.get_point_display()} oversight"


class ActionStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    DONE = "DONE", "Done"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"


class Action(models.Model):
    """An action for a child's case with its owner and due date, from a case direction, an
    oversight or a case audit; in the owner's My work while open, until it is marked done or
    withdrawn (`quality.machines.ActionMachine`): by a manager, with the reason, or when
    supervision finds its case direction no longer needed."""

    person = person_key("quality_actions")
    description = models.CharField(max_length=300)
    owner = staff()
    set_on = models.DateField(help_text="The day the action was set.")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    done_by = staff(optional=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField("Why the action was withdrawn", blank=True)
    direction = models.ForeignKey(
        CaseDirection, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    oversight = models.ForeignKey(
        Oversight, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    audit = models.ForeignKey(
        "quality.CaseAudit", null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["person", "done_on"]), models.Index(fields=["person", "status"])]
        constraints = [
            models.CheckConstraint(
                name="quality_action_has_one_source",
                condition=(
                    Q(direction__isnull=False, oversight__isnull=True, audit__isnull=True)
                    | Q(direction__isnull=True, oversight__isnull=False, audit__isnull=True)
                    | Q(direction__isnull=True, oversight__isnull=True, audit__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="quality_action_not_both_done_and_withdrawn",
                condition=Q(done_on__isnull=True) | Q(withdrawn_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def source(self) -> str:
        if self.direction_id:
            return "Case direction"
        if self.oversight_id:
            return "Management oversight"
        return "Case audit"


class ActionStatusChange(StatusChangeBase):
    action = history_of(Action)
    EVENT_LABELS = {"complete": "Action done", "withdraw": "Action withdrawn"}
