"""Children in care. A `PeriodOfCare` runs from the day a child starts to be looked after
(SSDA903 DECOM of the "S" episode) to the day they cease. Within it, SSDA903 `CareEpisode`s
chain day to day: a new episode starts whenever the legal status and/or the placement
changes, on the same day the previous one ends (DATA_MODEL §2.15). `LegalStatusPeriod` and
`Placement` hold the history each episode points at; the reason codes (RNE/REC) are derived
by `looked_after.services`, never typed twice.

The child's independent reviewing officer is a `workforce.Allocation` with role IRO (there
is no separate IROAllocation model)."""

from django.db import models

from codes import cin as cin_codes
from codes import ssda903
from core.records import Created, Recorded, calendar_stamp, ends_after_start, person_key, staff
from core.versioning import Versioned
from core.workflow import StatusChangeBase


class PeriodOfCare(Created):
    person = person_key("periods_of_care")
    start_date = models.DateField(help_text="Date the child started to be looked after.")
    end_date = models.DateField(null=True, blank=True)
    category_of_need = models.CharField(
        max_length=2,
        choices=cin_codes.PRIMARY_NEED.all_choices(),
        help_text="Fixed at the start of the period of care (SSDA903 CIN).",
    )
    referral = models.ForeignKey(
        "frontdoor.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="periods_of_care",
        help_text="The CIN episode during which care began.",
    )
    reason_ceased = models.CharField(
        max_length=3, blank=True, choices=ssda903.REASON_EPISODE_CEASED.all_choices()
    )
    care_plan_completed_on = models.DateField(null=True, blank=True)
    permanence_plan_completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [ends_after_start("period_of_care_end_after_start")]

    def __str__(self) -> str:
        return f"Period of care from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class LegalStatusPeriod(Recorded):
    """One legal status (SSDA903 LS) held from `start_date` until `end_date`."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="legal_statuses")
    person = person_key()
    legal_status = models.CharField(max_length=2, choices=ssda903.LEGAL_STATUS.all_choices())
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]

    def __str__(self) -> str:
        return f"{self.legal_status} from {self.start_date:%d/%m/%Y}"


class VisitRegime(models.TextChoices):
    """Which visiting rule of the Care Planning Regulations reg 28 applies (TIMESCALES §2.6–2.10)."""

    STANDARD = "STANDARD", "Standard: within 1 week, then every 6 weeks (reg 28(2))"
    LONG_TERM_FOSTER = (
        "LONG_TERM_FOSTER",
        "Long-term foster placement, child agrees: 6-monthly after year 1 (reg 28(3A))",
    )
    PARENT_BEFORE_ASSESSMENT = (
        "PARENT_PRE_ASSESS",
        "With parent before assessment complete: weekly until first review (reg 28(3))",
    )
    CONNECTED_OR_ICO_PARENT = (
        "CONNECTED_OR_ICO",
        "Temporarily approved connected person, or interim care order with parent: weekly, then 4-weekly (reg 28(4))",
    )
    CARE_ORDER_PARENT = (
        "CARE_ORDER_PARENT",
        "Full care order, living with parent: within 1 week, then 6-weekly (reg 28(5))",
    )


class Placement(Recorded):
    """Where the child lives (SSDA903 PLACE, PLACE_PROVIDER, PL_POST, URN; placement history)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    person = person_key()
    placement_type = models.CharField(max_length=2, choices=ssda903.PLACEMENT_TYPE.all_choices())
    provider = models.CharField(max_length=3, choices=ssda903.PLACEMENT_PROVIDER.all_choices())
    carer_name = models.CharField("Carer or home", max_length=200)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    in_area = models.BooleanField("Inside the authority's area", default=True)
    distance_miles = models.DecimalField(
        max_digits=5, decimal_places=1, default=999.9, help_text="Distance from home; 999.9 when unknown."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason_for_change = models.CharField(
        max_length=6, blank=True, choices=ssda903.REASON_PLACEMENT_CHANGE.all_choices()
    )
    visit_regime = models.CharField(max_length=20, choices=VisitRegime.choices, default=VisitRegime.STANDARD)
    intended_until_18 = models.BooleanField(default=False)
    placement_plan_completed_on = models.DateField(null=True, blank=True)
    # Placement with parents (P1): a service manager's approval and a review date.
    parent_approval_by = staff(optional=True)
    parent_approval_on = models.DateField(null=True, blank=True)
    parent_review_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [ends_after_start("placement_end_after_start", strict=True)]

    def __str__(self) -> str:
        return f"{self.placement_type} {self.carer_name} from {self.start_date:%d/%m/%Y}"

    @property
    def with_parents(self) -> bool:
        return self.placement_type == "P1"

    @property
    def awaiting_parent_approval(self) -> bool:
        return self.with_parents and self.parent_approval_on is None


class CareEpisode(models.Model):
    """One SSDA903 episode row: DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC,
    REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN (from `legal_status`/`placement`)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="episodes")
    person = person_key()
    start_date = models.DateField("DECOM")
    reason_new_episode = models.CharField(max_length=1, choices=ssda903.REASON_NEW_EPISODE.all_choices())
    legal_status = models.ForeignKey(LegalStatusPeriod, on_delete=models.PROTECT, related_name="episodes")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="episodes")
    end_date = models.DateField("DEC", null=True, blank=True)
    reason_ceased = models.CharField(
        "REC", max_length=3, blank=True, choices=ssda903.REASON_EPISODE_CEASED.all_choices()
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [ends_after_start("episode_end_after_start", strict=True)]

    def __str__(self) -> str:
        return f"Episode {self.reason_new_episode} from {self.start_date:%d/%m/%Y}"


class LACReview(Recorded):
    """A statutory looked-after review (CPPCR reg 33; SSDA903 reviews file)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    person = person_key()
    sequence = models.PositiveSmallIntegerField(help_text="1 for the first review of the period, …")
    rule_id = models.CharField(max_length=40)
    due_date = models.DateField()
    calendar_version = calendar_stamp()
    held_on = models.DateField()
    participation = models.CharField(max_length=3, choices=cin_codes.PARTICIPATION.all_choices())
    iro = staff()
    iro_met_child = models.BooleanField("The IRO met the child before the review")
    child_views = models.TextField("The child's views", blank=True)
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Review {self.sequence} on {self.held_on:%d/%m/%Y}"

    @property
    def on_time(self) -> bool:
        return self.held_on <= self.due_date


class ReviewAction(models.Model):
    """A SMART recommendation from a review: who, what, by when; tracked to completion."""

    review = models.ForeignKey(LACReview, on_delete=models.PROTECT, related_name="actions")
    person = person_key()
    who = models.CharField(max_length=120)
    what = models.CharField(max_length=500)
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completed_by = staff(optional=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.who}: {self.what[:40]}"


class EscalationStatus(models.TextChoices):
    INFORMAL = "INFORMAL", "Informal resolution"
    FORMAL_1 = "FORMAL_1", "Formal stage 1"
    FORMAL_2 = "FORMAL_2", "Formal stage 2"
    FORMAL_3 = "FORMAL_3", "Formal stage 3"
    RESOLVED = "RESOLVED", "Resolved"


class IROEscalation(models.Model):
    """The IRO's dispute resolution (IRO Handbook ch.5): informal, then formal stages 1–3."""

    person = person_key()
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="escalations")
    raised_on = models.DateField()
    raised_by = staff()
    issue = models.TextField()
    status = models.CharField(
        max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.INFORMAL
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"IRO escalation raised {self.raised_on:%d/%m/%Y}"


class IROEscalationStatusChange(StatusChangeBase):
    escalation = models.ForeignKey(IROEscalation, on_delete=models.PROTECT, related_name="history")
    EVENT_LABELS = {
        "escalate": "Escalated to the next stage",
        "resolve": "Escalation resolved",
    }


class HealthCheckKind(models.TextChoices):
    INITIAL = "INITIAL", "Initial health assessment"
    REVIEW = "REVIEW", "Review health assessment"
    DENTAL = "DENTAL", "Dental check"


class HealthAssessment(Recorded):
    """A health assessment or dental check that took place (SSDA903 OC2 HEALTH_CHECK/TEETH_CHECK)."""

    person = person_key()
    period = models.ForeignKey(
        PeriodOfCare, null=True, on_delete=models.PROTECT, related_name="health_checks"
    )
    kind = models.CharField(max_length=8, choices=HealthCheckKind.choices)
    completed_on = models.DateField()
    practitioner = models.CharField(max_length=120, blank=True)
    immunisations_up_to_date = models.BooleanField(null=True, blank=True)
    sdq_score = models.PositiveSmallIntegerField("SDQ total score", null=True, blank=True)
    sdq_reason = models.CharField(max_length=4, blank=True, choices=ssda903.SDQ_REASON.all_choices())
    substance_misuse = models.BooleanField(null=True, blank=True)
    intervention_received = models.BooleanField(null=True, blank=True)
    intervention_offered = models.BooleanField(
        null=True, blank=True, help_text="When none was received: was one offered (and refused)? SSDA903 OC2."
    )
    convicted = models.BooleanField(
        "Convicted or subject to a youth caution in the last year", null=True, blank=True
    )
    health_plan_actions = models.TextField(blank=True)

    class Meta:
        ordering = ["completed_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="sdq_score_0_to_40",
                condition=models.Q(sdq_score__isnull=True) | models.Q(sdq_score__lte=40),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.completed_on:%d/%m/%Y}"


class EducationPlan(Recorded):
    """One version of the personal education plan. Append-only: a new term's PEP, or a
    correction, is a new row; nothing is overwritten (history of targets and progress)."""

    person = person_key()
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="education_plans")
    meeting_on = models.DateField("PEP meeting date")
    school = models.CharField(max_length=200)
    school_urn = models.CharField(max_length=8, blank=True)
    virtual_school_contact = models.CharField(max_length=120, blank=True)
    attendance_percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    exclusions = models.PositiveSmallIntegerField("Fixed-term exclusions this term", default=0)
    key_stage_results = models.CharField(max_length=300, blank=True)
    targets = models.TextField()
    progress = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting_on", "id"]

    def __str__(self) -> str:
        return f"PEP on {self.meeting_on:%d/%m/%Y}"


class MissingEpisode(Versioned, Recorded):
    """A missing (M) or away-without-authorisation (A) episode (SSDA903 missing file) and its
    return home interview (72 hours from return)."""

    person = person_key()
    period = models.ForeignKey(
        PeriodOfCare, null=True, on_delete=models.PROTECT, related_name="missing_episodes"
    )
    kind = models.CharField(max_length=1, choices=ssda903.MISSING_TYPE.all_choices())
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    police_informed = models.BooleanField(default=False)
    rhi_offered = models.BooleanField(null=True, blank=True)
    rhi_accepted = models.BooleanField(null=True, blank=True)
    rhi_held_at = models.DateTimeField(null=True, blank=True)
    rhi_by = models.CharField(max_length=120, blank=True)
    review_held_on = models.DateField("Missing-from-care review held", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [ends_after_start("missing_end_after_start", "started_at", "ended_at")]

    def __str__(self) -> str:
        return f"{self.kind} episode from {self.started_at:%d/%m/%Y %H:%M}"


class ExploitationScreening(Recorded):
    """An exploitation risk screening: score (higher = more risk), review date."""

    person = person_key()
    screened_on = models.DateField()
    score = models.PositiveSmallIntegerField()
    review_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["screened_on", "id"]

    def __str__(self) -> str:
        return f"Screening {self.score} on {self.screened_on:%d/%m/%Y}"
