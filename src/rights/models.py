"""Rights and voice: advocacy, independent visitors, children's complaints with their stage
timescales, and the child's own views before each meeting (DATA_MODEL §2.25; TIMESCALES.md §5.2)."""

from django.db import models

from codes import permanence as pcodes
from core.records import Recorded, RecordedBy, person_key
from core.workflow import StatusChangeBase, history_of


class AdvocacyReferral(RecordedBy):
    person = person_key("advocacy_referrals")
    referred_on = models.DateField()
    reason = models.CharField(max_length=300)
    advocate = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=120, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"Advocacy referral {self.referred_on:%d/%m/%Y}"


class IndependentVisitor(RecordedBy):
    person = person_key("independent_visitors")
    visitor_name = models.CharField(max_length=120)
    matched_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-matched_on", "-id"]

    def __str__(self) -> str:
        return f"Independent visitor matched {self.matched_on:%d/%m/%Y}"


class IndependentVisit(RecordedBy):
    visitor = models.ForeignKey(IndependentVisitor, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"Independent visit {self.visited_on:%d/%m/%Y}"


class ComplaintStatus(models.TextChoices):
    STAGE_1 = "STAGE_1", "Stage 1 (local resolution)"
    STAGE_2 = "STAGE_2", "Stage 2 (investigation)"
    STAGE_3 = "STAGE_3", "Stage 3 (review panel)"
    CLOSED = "CLOSED", "Closed"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "UPHELD", "Upheld"
    PARTLY = "PARTLY", "Partly upheld"
    NOT_UPHELD = "NOT_UPHELD", "Not upheld"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"


class Complaint(RecordedBy):
    """A complaint by or for a child under the Children Act 1989 representations procedure."""

    person = person_key("complaints")
    received_on = models.DateField()
    made_by = models.CharField(max_length=120, help_text="Who made the complaint (the child, an advocate …).")
    summary = models.TextField()
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.STAGE_1)
    stage_1_extended = models.BooleanField(default=False)
    stage_1_responded_on = models.DateField(null=True, blank=True)
    stage_2_started_on = models.DateField(null=True, blank=True)
    stage_2_extended = models.BooleanField(default=False)
    stage_2_responded_on = models.DateField(null=True, blank=True)
    stage_3_requested_on = models.DateField(null=True, blank=True)
    panel_held_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True, choices=ComplaintOutcome.choices)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on:%d/%m/%Y}"


class ComplaintStatusChange(StatusChangeBase):
    complaint = history_of(Complaint)
    EVENT_LABELS = {
        "escalate_to_stage_2": "Escalated to stage 2",
        "escalate_to_stage_3": "Escalated to stage 3",
        "close": "Complaint closed",
    }


class ChildViews(Recorded):
    """The child's own views, in their own words, recorded before a meeting about them."""

    person = person_key("views_before_meetings")
    given_on = models.DateField()
    meeting = models.CharField(
        "For which meeting", max_length=200, help_text="For example, looked-after review."
    )
    meeting_kind = models.CharField(max_length=40, blank=True, help_text="Generic link: the kind of meeting.")
    meeting_date = models.DateField(null=True, blank=True, help_text="Generic link: the meeting's date.")
    method = models.CharField(max_length=20, choices=pcodes.VIEWS_METHOD.all_choices())
    views = models.TextField("The child's views, in their own words")

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "child views"

    def __str__(self) -> str:
        return f"Views given {self.given_on:%d/%m/%Y}"
