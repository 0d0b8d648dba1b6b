from django import forms

from codes import permanence as pcodes
from codes import ssda903
from core.forms import GovDateField

from .eligibility import OC3_AGES, ordinal

_YES_NO = [("yes", "Yes"), ("no", "No")]


class CareLeaverForm(forms.Form):
    recorded_category = forms.ChoiceField(
        label="Eligibility category",
        choices=pcodes.CARE_LEAVER_ELIGIBILITY.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the eligibility category"},
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
    summary = forms.CharField(
        label="Summary (optional)", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PathwayReviewForm(forms.Form):
    reviewed_on = GovDateField(label="Date of the review", required=True, past_only=True)
    notes = forms.CharField(
        label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PathwayActionForm(forms.Form):
    who = forms.CharField(label="Who", max_length=120, error_messages={"required": "Enter who will do this"})
    what = forms.CharField(
        label="What", max_length=500, error_messages={"required": "Enter what will be done"}
    )
    due_by = GovDateField(label="By when", required=True)


class CompleteActionForm(forms.Form):
    completed_on = GovDateField(label="Completed on", required=True, past_only=True)


class BirthdayStatusForm(forms.Form):
    age = forms.TypedChoiceField(
        label="Which birthday",
        choices=[(str(a), f"{ordinal(a)} birthday") for a in OC3_AGES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the birthday"},
    )
    contact_date = GovDateField(label="Date of the contact", required=True, past_only=True)
    in_touch = forms.ChoiceField(
        label="In touch",
        choices=ssda903.IN_TOUCH.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the young person is in touch"},
    )
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
    suitability = forms.ChoiceField(
        label="Is the accommodation suitable?",
        choices=pcodes.OC3_SUITABILITY.choices(),
        widget=forms.RadioSelect,
        required=False,
    )
