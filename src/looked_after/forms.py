import re
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django import forms

from accounts.models import User
from codes import cin as cin_codes
from codes import ssda903
from core.form_fields import line, radios, select, text, yes_no
from core.forms import GovDateField, GovForm

from .models import HealthCheckKind, VisitRegime
from .services import PlacementDetails

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class TimeField(forms.CharField):
    """A 24-hour time typed as HH:MM."""

    def to_python(self, value: Any) -> time | None:  # type: ignore[override]
        text = (value or "").strip()
        if not text:
            return None
        match = _TIME.match(text)
        if not match:
            raise forms.ValidationError(f"{self.label} must be a time like 14:30")
        return time(int(match.group(1)), int(match.group(2)))


class PlacementFields(GovForm):
    placement_type = select("Placement type", ssda903.PLACEMENT_TYPE.choices())
    provider = select("Placement provider", ssda903.PLACEMENT_PROVIDER.choices())
    carer_name = line("Carer or home", 200, "Enter the name of the carer or home")
    urn = forms.CharField(
        label="Ofsted URN (optional)",
        max_length=8,
        required=False,
        help_text="For Ofsted-registered settings: SC and 6 digits, or 7 digits. XXXXXXX if not inspected.",
    )
    address = forms.CharField(label="Address (optional)", max_length=300, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=8, required=False)
    in_area = yes_no("Is the placement inside the authority's area?")
    distance_miles = forms.DecimalField(
        label="Distance from home in miles (optional)",
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("999.9"),
        decimal_places=1,
        help_text="Leave blank if unknown (recorded as 999.9).",
    )
    visit_regime = radios("Visiting rule", VisitRegime.choices, initial=VisitRegime.STANDARD)
    intended_until_18 = forms.BooleanField(
        label="The placement is intended to last until the child is 18", required=False
    )

    def placement(self) -> PlacementDetails:
        d = self.cleaned_data
        return PlacementDetails(
            placement_type=d["placement_type"],
            provider=d["provider"],
            carer_name=d["carer_name"],
            urn=d["urn"],
            address=d["address"],
            postcode=d["postcode"],
            in_area=bool(d["in_area"]),
            distance_miles=d["distance_miles"],
            visit_regime=d["visit_regime"],
            intended_until_18=d["intended_until_18"],
        )


class StartCareForm(PlacementFields):
    start_date = GovDateField(label="Date the child became looked after", required=True, past_only=True)
    legal_status = select("Legal status", ssda903.LEGAL_STATUS.choices())
    category_of_need = select("Category of need", cin_codes.PRIMARY_NEED.choices())
    field_order = ["start_date", "legal_status", "category_of_need"]


class ChangeForm(GovForm):
    on = GovDateField(label="Date of the change", required=True, past_only=True)
    legal_status = select(
        "New legal status", ssda903.LEGAL_STATUS.choices(), required=False, blank="No change"
    )
    placement_changed = forms.BooleanField(label="The child moved to a new placement", required=False)
    same_carer = forms.BooleanField(label="The new placement is with the same carer", required=False)
    reason_for_change = select(
        "Reason for the placement change", ssda903.REASON_PLACEMENT_CHANGE.choices(), required=False
    )


class NewPlacementForm(PlacementFields):
    """The new placement's details (prefixed `new`), validated only when the child moved."""


class EndCareForm(GovForm):
    on = GovDateField(label="Date the child stopped being looked after", required=True, past_only=True)
    reason_ceased = select(
        "Reason care ended", [c for c in ssda903.REASON_EPISODE_CEASED.choices() if c[0] != "X1"]
    )


class PlansForm(GovForm):
    care_plan_completed_on = GovDateField(label="Care plan completed", past_only=True, required=False)
    placement_plan_completed_on = GovDateField(
        label="Placement plan for the current placement completed", past_only=True, required=False
    )
    permanence_plan_completed_on = GovDateField(
        label="Permanence plan completed", past_only=True, required=False
    )


class ApproveParentsForm(GovForm):
    approved_on = GovDateField(label="Date approved", required=True, past_only=True)
    review_on = GovDateField(
        label="Review the placement by", required=True, name="The date to review the placement by"
    )


class AllocateIROForm(GovForm):
    iro: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=None,
        empty_label="Select",
        error_messages={"required": "Select the independent reviewing officer"},
    )
    start_date = GovDateField(label="Allocated from", required=True, name="The date the allocation starts")

    def __init__(self, *args: Any, iros: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = iros  # type: ignore[attr-defined]
        self.fields["iro"].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]


class ReviewForm(GovForm):
    held_on = GovDateField(label="Date of the review", required=True, past_only=True)
    participation = radios(
        "How the child took part", cin_codes.PARTICIPATION.choices(), "Select how the child took part"
    )
    iro_met_child = yes_no("Did the IRO meet the child before the review?")
    child_views = text("The child's views, in their words (optional)", rows=3, required=False)
    decisions = text("Decisions (optional)", rows=3, required=False)
    action_1_who = forms.CharField(label="Action 1: who (optional)", max_length=120, required=False)
    action_1_what = forms.CharField(label="Action 1: what", max_length=500, required=False)
    action_1_due = GovDateField(label="Action 1: by when", required=False)
    action_2_who = forms.CharField(label="Action 2: who (optional)", max_length=120, required=False)
    action_2_what = forms.CharField(label="Action 2: what", max_length=500, required=False)
    action_2_due = GovDateField(label="Action 2: by when", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in (1, 2):
            parts = [data.get(f"action_{i}_who"), data.get(f"action_{i}_what"), data.get(f"action_{i}_due")]
            if any(parts) and not all(parts):
                self.add_error(f"action_{i}_what", f"Action {i}: enter who, what and by when")
        return data


class EscalationForm(GovForm):
    raised_on = GovDateField(label="Date raised", required=True, past_only=True)
    issue = text("The issue", error="Describe the issue")


class ProgressEscalationForm(GovForm):
    event = radios(
        "What happens next",
        [("escalate", "Escalate to the next formal stage"), ("resolve", "Resolved")],
        "Choose what happens next",
    )
    outcome = text("Outcome or reason", rows=3, required=False)


class HealthForm(GovForm):
    kind = radios("Check", HealthCheckKind.choices, "Select the kind of check")
    completed_on = GovDateField(label="Date of the check", required=True, past_only=True)
    practitioner = forms.CharField(label="Practitioner (optional)", max_length=120, required=False)
    immunisations_up_to_date = yes_no("Are immunisations up to date?", required=False)
    sdq_score = forms.IntegerField(
        label="SDQ total score (optional)", min_value=0, max_value=40, required=False
    )
    sdq_reason = select(
        "Reason no SDQ score (optional)", ssda903.SDQ_REASON.choices(), required=False, blank="Not applicable"
    )
    substance_misuse = yes_no("Identified as having a substance misuse problem?", required=False)
    intervention_received = yes_no("Received an intervention for substance misuse?", required=False)
    intervention_offered = yes_no(
        "If no intervention was received: was one offered and refused?", required=False
    )
    convicted = yes_no("Convicted or given a youth caution in the last year?", required=False)
    health_plan_actions = text("Health plan actions (optional)", rows=3, required=False)


class EducationForm(GovForm):
    meeting_on = GovDateField(label="PEP meeting date", required=True, past_only=True)
    school = line("School or setting", 200, "Enter the school or setting")
    school_urn = forms.CharField(label="School URN (optional)", max_length=8, required=False)
    virtual_school_contact = forms.CharField(
        label="Virtual school contact (optional)", max_length=120, required=False
    )
    attendance_percent = forms.DecimalField(
        label="Attendance this term, % (optional)",
        min_value=0,
        max_value=100,
        decimal_places=1,
        required=False,
    )
    exclusions = forms.IntegerField(
        label="Fixed-term exclusions this term",
        min_value=0,
        initial=0,
        error_messages={"required": "Enter the number of fixed-term exclusions this term, or 0 if none"},
    )
    key_stage_results = forms.CharField(label="Key stage results (optional)", max_length=300, required=False)
    targets = text("Targets", rows=3, error="Enter the targets agreed")
    progress = text("Progress against previous targets (optional)", rows=3, required=False)


def _moment(form: forms.Form, data: dict[str, Any], day: str, at: str, out: str, both: str) -> None:
    """An optional moment given as a date and a time: `data[out]` is the two together, or None
    when neither is given; one without the other is an error on the time (`both` says so)."""
    data[out] = None
    if data.get(day) or data.get(at):
        if not (data.get(day) and data.get(at)):
            form.add_error(at, both)
        else:
            data[out] = datetime.combine(data[day], data[at])


class MissingForm(GovForm):
    kind = radios("Type", ssda903.MISSING_TYPE.choices(), "Select missing or away from placement")
    started_on = GovDateField(
        label="Date went missing", required=True, past_only=True, name="The date the child went missing"
    )
    started_time = TimeField(
        label="Time went missing",
        help_text="24-hour clock, for example 21:30",
        error_messages={"required": "Enter the time the child went missing"},
    )
    ended_on = GovDateField(label="Date returned or found (optional)", past_only=True, required=False)
    ended_time = TimeField(
        label="Time returned or found (optional)", required=False, help_text="24-hour clock"
    )
    police_informed = forms.BooleanField(label="The police were informed", required=False)
    notes = text("Notes (optional)", rows=3, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("started_on") and data.get("started_time"):
            data["started_at"] = datetime.combine(data["started_on"], data["started_time"])
        _moment(
            self,
            data,
            "ended_on",
            "ended_time",
            "ended_at",
            "Enter both the date and the time the child returned",
        )
        return data


class ReturnForm(GovForm):
    ended_on = GovDateField(label="Date returned or found", past_only=True, required=False)
    ended_time = TimeField(
        label="Time returned or found", required=False, help_text="24-hour clock, for example 21:30"
    )
    rhi_offered = yes_no("Was a return home interview offered?", required=False)
    rhi_accepted = yes_no("Was it accepted?", required=False)
    rhi_held_on = GovDateField(
        label="Date the return home interview was held", past_only=True, required=False
    )
    rhi_held_time = TimeField(label="Time it was held", required=False)
    rhi_by = forms.CharField(label="Interview carried out by (optional)", max_length=120, required=False)
    review_held_on = GovDateField(
        label="Missing-from-care review held (optional)", past_only=True, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day, at, out in (
            ("ended_on", "ended_time", "ended_at"),
            ("rhi_held_on", "rhi_held_time", "rhi_held_at"),
        ):
            _moment(self, data, day, at, out, "Enter both the date and the time")
        return data


class ScreeningForm(GovForm):
    screened_on = GovDateField(label="Date of screening", required=True, past_only=True)
    score = forms.IntegerField(
        label="Score (0 to 100, higher means more risk)",
        min_value=0,
        max_value=100,
        error_messages={"required": "Enter the score"},
    )
    review_on = GovDateField(
        label="Review the screening by", required=True, name="The date to review the screening by"
    )
    notes = text("Notes (optional)", rows=3, required=False)
