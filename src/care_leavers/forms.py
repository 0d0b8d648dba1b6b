from django import forms

from codes import permanence as pcodes
from codes import ssda903
from core.form_fields import line, radios, text
from core.forms import GovDateField, GovForm

from .eligibility import OC3_AGES, ordinal


class CareLeaverForm(GovForm):
    recorded_category = radios(
        "Eligibility category", pcodes.CARE_LEAVER_ELIGIBILITY.choices(), "Select the eligibility category"
    )
    category_note = forms.CharField(
        label="Why, if different from the computed category (optional)", required=False, max_length=300
    )
    la_provides_accommodation = forms.BooleanField(
        label="The authority provides the accommodation", required=False
    )
    needs_assessment_completed_on = GovDateField(
        label="Needs assessment completed on (optional)", required=False, past_only=True
    )
    staying_put = forms.BooleanField(label="Staying put with former foster carers", required=False)
    staying_put_start = GovDateField(
        label="Staying put started on (optional)", required=False, past_only=True
    )
    higher_education = forms.BooleanField(label="In higher education", required=False)
    bursary_paid_on = GovDateField(
        label="Higher education bursary paid on (optional)", required=False, past_only=True
    )
    vacation_accommodation = forms.CharField(
        label="Vacation accommodation (optional)", required=False, max_length=300
    )


class PathwayPlanForm(GovForm):
    plan_date = GovDateField(label="Date of the pathway plan", required=True, past_only=True)
    summary = text("Summary (optional)", required=False, max_length=5000)


class PathwayReviewForm(GovForm):
    reviewed_on = GovDateField(label="Date of the review", required=True, past_only=True)
    notes = text("Notes (optional)", required=False, max_length=5000)


class PathwayActionForm(GovForm):
    who = line(
        "Who",
        120,
        "Enter who will do this",
        error_messages={"max_length": "Who will do this must be %(limit_value)d characters or fewer"},
    )
    what = line(
        "What",
        500,
        "Enter what will be done",
        error_messages={"max_length": "What will be done must be %(limit_value)d characters or fewer"},
    )
    due_by = GovDateField(label="By when", required=True, name="The date the action is due by")


class CompleteActionForm(GovForm):
    completed_on = GovDateField(label="Completed on", required=True, past_only=True)


class BirthdayStatusForm(GovForm):
    age = radios(
        "Which birthday",
        [(str(a), f"{ordinal(a)} birthday") for a in OC3_AGES],
        "Select the birthday",
        coerce=int,
    )
    contact_date = GovDateField(label="Date of the contact", required=True, past_only=True)
    in_touch = radios("In touch", ssda903.IN_TOUCH.choices(), "Select whether the young person is in touch")
    activity = forms.ChoiceField(
        label="Main activity",
        choices=[("", "Not known")] + ssda903.CARE_LEAVER_ACTIVITY.choices(),
        required=False,
    )
    accommodation = forms.ChoiceField(
        label="Accommodation",
        choices=[("", "Not known")] + ssda903.CARE_LEAVER_ACCOMMODATION.choices(),
        required=False,
    )
    suitability = radios("Is the accommodation suitable?", pcodes.OC3_SUITABILITY.choices(), required=False)
