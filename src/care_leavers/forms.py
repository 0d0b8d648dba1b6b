from django import forms

from codes import permanence as pcodes
from codes import ssda903
from core.form_fields import line, radios, text
from core.forms import GovDateField

from .eligibility import OC3_AGES, ordinal


class CareLeaverForm(forms.Form):
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


class PathwayPlanForm(forms.Form):
    plan_date = GovDateField(label="Date of the pathway plan", required=True, past_only=True)
    summary = text("Summary (optional)", required=False, max_length=5000)


class PathwayReviewForm(forms.Form):
    reviewed_on = GovDateField(label="Date of the review", required=True, past_only=True)
    notes = text("Notes (optional)", required=False, max_length=5000)


class PathwayActionForm(forms.Form):
    who = line("Who", 120, "Enter who will do this")
    what = line("What", 500, "Enter what will be done")
    due_by = GovDateField(label="By when", required=True)


class CompleteActionForm(forms.Form):
    completed_on = GovDateField(label="Completed on", required=True, past_only=True)


class BirthdayStatusForm(forms.Form):
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
