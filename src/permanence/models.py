"""Permanence and court: pre-proceedings (PLO), care proceedings with the 26-week clock,
court orders, adoption from the ADM decision to the adoption order, previous permanence,
and court-ordered supervised contact (DATA_MODEL §2.22, §2.23, §4.2; TIMESCALES.md §4)."""

from django.db import models

from codes import permanence as pcodes
from codes import ssda903
from core.records import RecordedBy, calendar_stamp, person_key, staff
from core.workflow import StatusChangeBase, history_of


class PLOStatus(models.TextChoices):
    OPEN = "OPEN", "In pre-proceedings"
    ISSUED = "ISSUED", "Proceedings issued"
    STEPPED_DOWN = "STEPPED_DOWN", "Stepped down"


class PreProceedings(models.Model):
    """The Public Law Outline pre-proceedings stage: decision, letter before proceedings, meetings."""

    person = person_key("pre_proceedings")
    decision_date = models.DateField(help_text="Legal gateway decision to enter pre-proceedings.")
    letter_date = models.DateField("Letter before proceedings sent", null=True, blank=True)
    status = models.CharField(max_length=20, choices=PLOStatus.choices, default=PLOStatus.OPEN)
    outcome_date = models.DateField(null=True, blank=True)
    created_by = staff()

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = "pre-proceedings"

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.decision_date:%d/%m/%Y}"


class PreProceedingsStatusChange(StatusChangeBase):
    pre_proceedings = history_of(PreProceedings)
    EVENT_LABELS = {
        "issue": "Care proceedings issued",
        "step_down": "Stepped down from pre-proceedings",
    }


class PLOMeeting(RecordedBy):
    pre_proceedings = models.ForeignKey(PreProceedings, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    parents_legally_represented = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Meeting on {self.held_on:%d/%m/%Y}"


class ProceedingsStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    CONCLUDED = "CONCLUDED", "Concluded"


class CareProceedings(models.Model):
    """Care or supervision proceedings: 26 weeks beginning with the issue date (CA 1989 s32)."""

    person = person_key("care_proceedings")
    issue_date = models.DateField()
    court_reference = models.CharField(max_length=60, blank=True)
    pre_proceedings = models.ForeignKey(PreProceedings, null=True, blank=True, on_delete=models.PROTECT)
    statutory_due = models.DateField(help_text="26 weeks beginning with the issue date (no extensions).")
    calendar_version = calendar_stamp()
    status = models.CharField(
        max_length=20, choices=ProceedingsStatus.choices, default=ProceedingsStatus.OPEN
    )
    concluded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True, choices=pcodes.PROCEEDINGS_OUTCOME.all_choices())
    created_by = staff()

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = "care proceedings"
        verbose_name_plural = "care proceedings"

    def __str__(self) -> str:
        return f"Care proceedings issued {self.issue_date:%d/%m/%Y}"


class CareProceedingsStatusChange(StatusChangeBase):
    proceedings = history_of(CareProceedings)
    EVENT_LABELS = {
        "conclude": "Proceedings concluded",
    }


class ProceedingsExtension(RecordedBy):
    """An extension of the 26-week time limit: up to 8 weeks each, with the court's reason."""

    proceedings = models.ForeignKey(CareProceedings, on_delete=models.PROTECT, related_name="extensions")
    granted_on = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    reason = models.TextField()

    class Meta:
        ordering = ["granted_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="extension_1_to_8_weeks", condition=models.Q(weeks__gte=1) & models.Q(weeks__lte=8)
            )
        ]

    def __str__(self) -> str:
        return f"Extension of {self.weeks} weeks"


class CourtOrder(RecordedBy):
    person = person_key("court_orders")
    order_type = models.CharField(max_length=4, choices=pcodes.ORDER_TYPE.all_choices())
    made_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    proceedings = models.ForeignKey(
        CareProceedings, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} made {self.made_on:%d/%m/%Y}"


class AdoptionStatus(models.TextChoices):
    DECIDED = "DECIDED", "Should be placed for adoption"
    AUTHORISED = "AUTHORISED", "Authority to place"
    MATCHED = "MATCHED", "Matched"
    PLACED = "PLACED", "Placed for adoption"
    ADOPTED = "ADOPTED", "Adopted"
    REVERSED = "REVERSED", "Decision reversed"


class AdoptionCase(models.Model):
    """From the ADM "should be placed for adoption" decision to the adoption order (903 AD1
    and placed-for-adoption files; AA-L10)."""

    person = person_key("adoption_cases")
    adm_decision_date = models.DateField("Should be placed for adoption decision")
    status = models.CharField(max_length=20, choices=AdoptionStatus.choices, default=AdoptionStatus.DECIDED)
    authority_date = models.DateField("Placement order or consent", null=True, blank=True)
    matched_date = models.DateField(null=True, blank=True)
    placed_date = models.DateField(null=True, blank=True)
    adoption_order_date = models.DateField(null=True, blank=True)
    adopted_by_foster_carer = models.BooleanField(default=False)
    foster_placement_start = models.DateField(
        "Date originally placed with the foster carer who adopted", null=True, blank=True
    )
    number_of_adopters = models.PositiveSmallIntegerField(null=True, blank=True)
    adopter_sex = models.CharField(max_length=2, blank=True, choices=pcodes.ADOPTER_SEX.all_choices())
    adopter_legal_status = models.CharField(
        max_length=3, blank=True, choices=pcodes.ADOPTER_LEGAL_STATUS.all_choices()
    )
    reversed_date = models.DateField(null=True, blank=True)
    reversed_reason = models.CharField(
        max_length=3, blank=True, choices=ssda903.REASON_PLACED_CEASED.all_choices()
    )
    created_by = staff()

    class Meta:
        ordering = ["-adm_decision_date", "-id"]

    def __str__(self) -> str:
        return f"Adoption plan from {self.adm_decision_date:%d/%m/%Y}"


class AdoptionStatusChange(StatusChangeBase):
    adoption = history_of(AdoptionCase)
    EVENT_LABELS = {
        "authorise": "Placement for adoption authorised",
        "match": "Matched with adopters",
        "place": "Placed for adoption",
        "adopt": "Adoption order made",
        "reverse": "Adoption plan reversed",
    }


class PreviousPermanence(RecordedBy):
    """903 previous permanence, asked of every child starting care (PREV_PERM, LA_PERM, DATE_PERM)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="previous_permanence"
    )
    prev_perm = models.CharField(max_length=2, choices=ssda903.PREVIOUS_PERMANENCE.all_choices())
    la_perm = models.CharField("Authority that arranged it", max_length=80, blank=True)
    date_perm = models.CharField(
        "Date of the order (may be partial)",
        max_length=10,
        blank=True,
        help_text="dd/mm/yyyy, zz/mm/yyyy or zz/zz/yyyy",
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Previous permanence {self.prev_perm}"


class ContactStatus(models.TextChoices):
    SCHEDULED = "SCHEDULED", "Scheduled"
    HELD = "HELD", "Held"
    CANCELLED = "CANCELLED", "Cancelled"


class ContactSession(models.Model):
    """A court-ordered supervised contact session: a room at a centre, with a supervisor."""

    person = person_key("contact_sessions")
    with_whom = models.CharField("Contact with", max_length=120)
    centre = models.CharField(max_length=120)
    room = models.CharField(max_length=60)
    supervisor = staff()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=ContactStatus.choices, default=ContactStatus.SCHEDULED)
    cancelled_by = models.CharField(
        max_length=10, blank=True, choices=pcodes.CONTACT_CANCELLED_BY.all_choices()
    )
    cancellation_reason = models.CharField(max_length=300, blank=True)
    created_by = staff()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["supervisor", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                name="contact_ends_after_start", condition=models.Q(ends_at__gt=models.F("starts_at"))
            )
        ]

    def __str__(self) -> str:
        return f"Contact session {self.starts_at:%d/%m/%Y %H:%M}"


class ContactSessionStatusChange(StatusChangeBase):
    session = history_of(ContactSession)
    EVENT_LABELS = {
        "hold": "Family time held",
        "cancel": "Family time cancelled",
    }
