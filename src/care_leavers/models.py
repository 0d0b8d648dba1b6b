"""Care leavers: the care leaver record, pathway plans with actions and reviews, and the
903 OC3 status around each birthday from 17 to 21 (DATA_MODEL §2.21, TIMESCALES.md §3)."""

from django.db import models

from codes import permanence as pcodes
from codes import ssda903
from core.records import Created, Part, Recorded, RecordedBy, calendar_stamp, person_key, staff
from core.versioning import Versioned

from .eligibility import ordinal


class CareLeaver(Versioned, models.Model):
    """What the authority records about a young person leaving care (one per person)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="care_leaver")
    recorded_category = models.CharField(
        "Recorded eligibility category", max_length=20, choices=pcodes.CARE_LEAVER_ELIGIBILITY.all_choices()
    )
    category_note = models.CharField(max_length=300, blank=True)
    la_provides_accommodation = models.BooleanField(
        default=False, help_text="The authority provides the accommodation (PA visits every 2 months)."
    )
    needs_assessment_completed_on = models.DateField(null=True, blank=True)
    staying_put = models.BooleanField(default=False)
    staying_put_start = models.DateField(null=True, blank=True)
    higher_education = models.BooleanField(default=False)
    bursary_paid_on = models.DateField("Higher education bursary paid on", null=True, blank=True)
    vacation_accommodation = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = staff()

    def __str__(self) -> str:
        return f"Care leaver record {self.pk}"


class PathwayPlan(Created):
    person = person_key("pathway_plans")
    plan_date = models.DateField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-plan_date", "-id"]

    def __str__(self) -> str:
        return f"Pathway plan of {self.plan_date:%d/%m/%Y}"


class PathwayPlanReview(RecordedBy):
    plan = models.ForeignKey(PathwayPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    due_on = models.DateField()
    calendar_version = calendar_stamp()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Pathway plan review of {self.reviewed_on:%d/%m/%Y}"


class PathwayAction(Part, models.Model):
    """An action of a pathway plan, for the plan's young person."""

    whole = "plan"
    plan = models.ForeignKey(PathwayPlan, on_delete=models.PROTECT, related_name="actions")
    who = models.CharField(max_length=120)
    what = models.CharField(max_length=500)
    due_by = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_by", "id"]

    def __str__(self) -> str:
        return self.what


class BirthdayStatus(Recorded):
    """903 OC3: in touch, main activity and accommodation around the 17th–21st birthday."""

    person = person_key("oc3_statuses")
    age = models.PositiveSmallIntegerField(help_text="The birthday this status is for (17 to 21).")
    contact_date = models.DateField()
    in_touch = models.CharField(max_length=4, choices=ssda903.IN_TOUCH.all_choices())
    activity = models.CharField(max_length=2, blank=True, choices=ssda903.CARE_LEAVER_ACTIVITY.all_choices())
    accommodation = models.CharField(
        max_length=1, blank=True, choices=ssda903.CARE_LEAVER_ACCOMMODATION.all_choices()
    )
    suitability = models.CharField(max_length=1, blank=True, choices=pcodes.OC3_SUITABILITY.all_choices())

    class Meta:
        ordering = ["age"]
        constraints = [models.UniqueConstraint(fields=["person", "age"], name="oc3_one_status_per_birthday")]

    def __str__(self) -> str:
        return f"Status at {self.age}"

    @property
    def birthday_label(self) -> str:
        return f"{ordinal(self.age)} birthday"

    @property
    def accom_code(self) -> str:
        """The 903 ACCOM value: letter and suitability digit, e.g. "U1"."""
        return f"{self.accommodation}{self.suitability}" if self.accommodation else ""
