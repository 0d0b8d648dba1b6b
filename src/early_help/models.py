"""Early help: episodes of help below the social care threshold, their assessment, the
team around the family, the plan, reviews, family group conferences and step-up/step-down."""

from django.db import models

from core.records import Created, Part, RecordedBy, ends_after_start, person_key, staff
from core.versioning import Versioned
from core.workflow import StatusChangeBase, history_of


class EpisodeStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"


class EntryRoute(models.TextChoices):
    DIRECT = "DIRECT", "Request for early help"
    FRONT_DOOR = "FRONT_DOOR", "Stepped to early help by the front door"
    STEP_DOWN = "STEP_DOWN", "Step-down from children's social care"


class EndReason(models.TextChoices):
    OUTCOMES_MET = "OUTCOMES_MET", "Outcomes met"
    STEP_UP = "STEP_UP", "Stepped up to children's social care"
    NFA = "NFA", "No further action"
    DECLINED = "DECLINED", "Family declined or withdrew consent"
    MOVED = "MOVED", "Moved out of the area"
    OTHER = "OTHER", "Other"


class EarlyHelpEpisode(Versioned, Created):
    person = person_key("early_help_episodes")
    start_date = models.DateField()
    reason = models.TextField()
    entry_route = models.CharField(max_length=12, choices=EntryRoute.choices, default=EntryRoute.DIRECT)
    worker = staff(optional=True)
    lead_professional_name = models.CharField(max_length=120, blank=True)
    lead_professional_agency = models.CharField(max_length=120, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=14, choices=EndReason.choices, blank=True)
    status = models.CharField(max_length=10, choices=EpisodeStatus.choices, default=EpisodeStatus.OPEN)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [ends_after_start("early_help_ended_after_start")]

    def __str__(self) -> str:
        return f"Early help episode {self.pk}"


class EpisodeStatusChange(StatusChangeBase):
    episode = history_of(EarlyHelpEpisode)
    EVENT_LABELS = {
        "start": "Early help episode started",
        "end": "Early help episode ended",
    }


class EarlyHelpAssessment(Versioned, RecordedBy):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="assessments")
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"Early help assessment {self.pk}"


class TeamAroundFamilyMeeting(RecordedBy):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Team around the family meeting {self.pk}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(TeamAroundFamilyMeeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField(max_length=120)
    agency = models.CharField(max_length=120, blank=True)
    attended = models.BooleanField()

    class Meta:
        ordering = ["-attended", "name"]

    def __str__(self) -> str:
        return self.name


class PlanAction(Part, RecordedBy):
    """A SMART action of the early help plan: who will do what, by when (for the episode's
    child)."""

    whole = "episode"

    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    who = models.CharField(max_length=120)
    by_when = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["by_when", "id"]

    def __str__(self) -> str:
        return f"Action {self.pk}"


class PlanReview(RecordedBy):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    progress = models.TextField()

    class Meta:
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"Review {self.pk}"


class HandoverDirection(models.TextChoices):
    STEP_UP = "STEP_UP", "Step-up to children's social care"
    STEP_DOWN = "STEP_DOWN", "Step-down from children's social care"


class Handover(RecordedBy):
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="handovers")
    direction = models.CharField(max_length=10, choices=HandoverDirection.choices)
    handover_date = models.DateField()
    from_service = models.CharField(max_length=120)
    to_service = models.CharField(max_length=120)
    reason = models.TextField()
    summary = models.TextField()
    contact = models.ForeignKey(
        "frontdoor.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="early_help_handovers",
    )

    class Meta:
        ordering = ["handover_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} on {self.handover_date:%d/%m/%Y}"


class FamilyGroupConferenceRequest(Part, RecordedBy):
    """A request for a family group conference for the episode's child's family; waiting until
    held or withdrawn."""

    whole = "episode"

    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="fgc_requests")
    requested_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"FGC request {self.pk}"

    @property
    def is_waiting(self) -> bool:
        return self.held_on is None and self.withdrawn_on is None
