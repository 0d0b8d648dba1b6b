"""Strategy discussions, s47 enquiries, CP conferences, CP plans, core groups, chair checks
and management decisions (DATA_MODEL §2.7–2.12).

Due dates come from `timescales` and are stored with the calendar version used:
ICPC 15 working days from the strategy discussion that initiated the s47 (`icpc`), first
core group 10 working days after the ICPC (`first_core_group`), first review 3 months after
the ICPC (`first_cp_review`), later reviews 6 months after the previous one (`cp_review`).
"""

from django.db import models

from accounts.permissions import Permission
from codes import cin as cin_codes
from core.records import RecordedBy, calendar_stamp, person_key, staff
from core.workflow import StatusChangeBase, history_of
from plans.models import PLAN_EVENT_LABELS, Plan, PlanKind, PlanPart
from plans.models import PlanStatus as PlanStatus  # the plan's statuses, read here by other stages
from plans.smart import ActionProgressBase, SmartAction


class Agency(models.TextChoices):
    SOCIAL_CARE = "SOCIAL_CARE", "Children's social care"
    POLICE = "POLICE", "Police"
    HEALTH = "HEALTH", "Health (including health visitor or school nurse)"
    GP = "GP", "GP"
    EDUCATION = "EDUCATION", "School or education"
    PROBATION = "PROBATION", "Probation"
    HOUSING = "HOUSING", "Housing"
    ADULT_MH = "ADULT_MH", "Adult mental health"
    SUBSTANCE = "SUBSTANCE", "Substance misuse service"
    OTHER = "OTHER", "Other"


class StrategyDecision(models.TextChoices):
    S47_SINGLE = "S47_SINGLE", "Section 47 enquiry (single agency)"
    S47_JOINT = "S47_JOINT", "Section 47 enquiry (joint with the police)"
    NO_S47 = "NO_S47", "No section 47 enquiry"


class StrategyDiscussion(RecordedBy):
    person = person_key("strategy_discussions")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    is_meeting = models.BooleanField(default=False)
    agencies = models.JSONField(default=list, help_text="Agency values that took part")
    participants = models.TextField(blank=True)
    information_shared = models.TextField()
    decision = models.CharField(max_length=20, choices=StrategyDecision.choices)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_on:%d/%m/%Y}"

    def agency_labels(self) -> list[str]:
        return [Agency(a).label for a in self.agencies]

    @property
    def only_police_and_social_care(self) -> bool:
        return set(self.agencies) <= {Agency.POLICE, Agency.SOCIAL_CARE}


class S47Outcome(models.TextChoices):
    ICPC = "ICPC", "Concerns substantiated: initial conference"
    CIN = "CIN", "Concerns substantiated, child not at continuing risk: child in need"
    NFA = "NFA", "Concerns not substantiated: no further action"


class S47Enquiry(models.Model):
    person = person_key("s47_enquiries")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="s47"
    )
    start_date = models.DateField()
    icpc_due = models.DateField()
    calendar_version = calendar_stamp()
    outcome = models.CharField(max_length=10, choices=S47Outcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start_date:%d/%m/%Y}"


class ConferenceKind(models.TextChoices):
    INITIAL = "INITIAL", "Initial child protection conference"
    REVIEW = "REVIEW", "Review child protection conference"
    TRANSFER_IN = "TRANSFER_IN", "Transfer-in conference"


class ConferenceDecision(models.TextChoices):
    PLAN = "PLAN", "Child protection plan"
    NO_PLAN = "NO_PLAN", "No child protection plan"
    CONTINUE = "CONTINUE", "Continue the plan"
    END = "END", "End the plan"


class StepDown(models.TextChoices):
    CIN = "CIN", "Child in need plan"
    EARLY_HELP = "EARLY_HELP", "Early help"
    NFA = "NFA", "No further action"
    LOOKED_AFTER = "LOOKED_AFTER", "Became looked after"
    MOVED = "MOVED", "Moved to another authority"


class CPPlan(Plan):
    """A child protection plan: made by an initial or transfer-in conference, signed off by its
    chair (only once what we are worried about is written), ended with a step-down."""

    kind = PlanKind(
        name="child protection plan",
        urls="protection",
        record=Permission.RECORD_PROTECTION,
        sign_off=Permission.CHAIR_CONFERENCE,
        end=Permission.CHAIR_CONFERENCE,
        worries_before_sign_off=True,
        step_down=True,
    )

    person = person_key("cp_plans")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(help_text="The date of the conference that made the plan.")
    category = models.CharField(max_length=3, choices=cin_codes.ABUSE_CATEGORY.all_choices())
    chair = staff()
    first_core_group_due = models.DateField()
    first_review_due = models.DateField()
    calendar_version = calendar_stamp()
    step_down = models.CharField(max_length=20, choices=StepDown.choices, blank=True)
    previous_plans_elsewhere = models.PositiveSmallIntegerField(
        default=0,
        help_text="Child protection plans the child had with other authorities before this one "
        "(with the plans recorded here: CIN census NumberOfPreviousCPP).",
    )

    class Meta(Plan.Meta):
        indexes = [models.Index(fields=["status", "person"])]


class CPPlanStatusChange(StatusChangeBase):
    plan = history_of(CPPlan)
    EVENT_LABELS = PLAN_EVENT_LABELS


class Conference(RecordedBy):
    person = person_key("cp_conferences")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ConferenceKind.choices)
    s47 = models.ForeignKey(
        S47Enquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    plan = models.ForeignKey(
        CPPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    chair = staff()
    held_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    calendar_version = calendar_stamp(blank=True)
    attendees = models.TextField(blank=True)
    agencies_attended = models.JSONField(default=list)
    agencies_reported = models.JSONField(default=list)
    parent_participation = models.TextField("Parents' participation and views", blank=True)
    child_participation = models.CharField(
        max_length=3, choices=cin_codes.PARTICIPATION.all_choices(), blank=True
    )
    child_views = models.TextField("The child's views", blank=True)
    decision = models.CharField(max_length=10, choices=ConferenceDecision.choices)
    category = models.CharField(max_length=3, choices=cin_codes.ABUSE_CATEGORY.all_choices(), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    @property
    def gp_involved(self) -> bool:
        return Agency.GP in self.agencies_attended or Agency.GP in self.agencies_reported


class CPPlanAction(SmartAction):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="actions")


class CoreGroup(RecordedBy):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_groups")
    held_on = models.DateField()
    agencies = models.JSONField(default=list)
    attendees = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d/%m/%Y}"


class ActionProgress(ActionProgressBase):
    """Progress against one action, noted at a core group or review conference."""

    action = models.ForeignKey(CPPlanAction, on_delete=models.CASCADE, related_name="progress_notes")
    core_group = models.ForeignKey(
        CoreGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )


class ChairCheckKind(models.TextChoices):
    CHECK = "CHECK", "Between-review check"
    CHALLENGE = "CHALLENGE", "Challenge (escalation)"


class ChairCheck(PlanPart, models.Model):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="chair_checks")
    kind = models.CharField(max_length=10, choices=ChairCheckKind.choices)
    raised_on = models.DateField()
    concern = models.TextField()
    outcome = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    chair = staff()

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.raised_on:%d/%m/%Y}"


class ManagementDecision(models.Model):
    """A management decision with its rationale, shown on the child's record."""

    person = person_key("management_decisions")
    decision = models.TextField()
    rationale = models.TextField()
    context = models.CharField(max_length=200, blank=True, help_text="What it relates to (a link or a name).")
    decided_by = staff()
    decided_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Management decision {self.decided_on:%d/%m/%Y}"
