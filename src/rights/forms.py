from typing import Any

from django import forms

from codes import permanence as pcodes
from core.form_fields import line, radios, text
from core.forms import GovDateField, GovForm

from .models import ComplaintOutcome


class AdvocacyForm(GovForm):
    referred_on = GovDateField(label="Date of the referral", required=True, past_only=True)
    reason = line("Why the child was referred", 300, "Enter why the child was referred for advocacy")
    advocate = forms.CharField(label="Advocate (optional)", max_length=120, required=False)
    organisation = forms.CharField(label="Organisation (optional)", max_length=120, required=False)
    started_on = GovDateField(label="Advocacy started on (optional)", required=False, past_only=True)
    ended_on = GovDateField(label="Advocacy ended on (optional)", required=False, past_only=True)


class VisitorForm(GovForm):
    visitor_name = line("Independent visitor's name", 120, "Enter the independent visitor's name")
    matched_on = GovDateField(label="Date matched", required=True, past_only=True)


class IndependentVisitForm(GovForm):
    visited_on = GovDateField(label="Date of the visit", required=True, past_only=True)
    notes = forms.CharField(label="Notes (optional)", max_length=500, required=False)


class ComplaintForm(GovForm):
    received_on = GovDateField(label="Date received", required=True, past_only=True)
    made_by = line("Who made the complaint", 120, "Enter who made the complaint")
    summary = text(
        "What the complaint is about",
        max_length=5000,
        error="Enter what the complaint is about",
    )


COMPLAINT_EVENTS = {
    "extend_stage_1": "Extend stage 1 to 20 working days",
    "respond_stage_1": "Record the stage 1 response",
    "escalate_to_stage_2": "Move to stage 2 (investigation)",
    "extend_stage_2": "Extend stage 2 (up to 65 working days)",
    "respond_stage_2": "Record the stage 2 response",
    "escalate_to_stage_3": "Request a stage 3 review panel",
    "hold_panel": "Record the review panel meeting",
    "close": "Close the complaint",
}


class ComplaintStepForm(GovForm):
    on = GovDateField(label="Date", required=True, past_only=True)

    def __init__(self, *args: Any, event: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if event == "close":
            self.fields["outcome"] = radios("Outcome", ComplaintOutcome.choices, "Select the outcome")


class ChildViewsForm(GovForm):
    given_on = GovDateField(label="Date the child gave their views", required=True, past_only=True)
    meeting = line(
        "For which meeting",
        200,
        "Enter which meeting the views are for",
        help_text="For example, looked-after review or pathway plan review.",
    )
    meeting_date = GovDateField(label="Date of the meeting (optional)", required=False)
    method = radios(
        "How the child gave their views",
        pcodes.VIEWS_METHOD.choices(),
        "Select how the child gave their views",
    )
    views = text(
        "The child's views, in their own words",
        rows=6,
        max_length=10000,
        error="Enter the child's views in their own words",
    )
