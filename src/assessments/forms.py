from typing import Any

from django import forms

from codes import cin as cin_codes
from core.forms import GovDateField

from .models import AssessmentKind, AssessmentOutcome, CommissionedKind

_TEXT = {"rows": 4}


class StartAssessmentForm(forms.Form):
    referral = forms.TypedChoiceField(label="Referral (CIN episode)", coerce=int, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label="Type of assessment",
        choices=AssessmentKind.choices,
        initial=AssessmentKind.SINGLE,
        widget=forms.RadioSelect,
    )
    start_date = GovDateField(label="Start date", required=True, past_only=True)

    def __init__(self, *args: Any, referrals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [  # type: ignore[attr-defined]
            (r.pk, f"Referral of {r.referral_date:%-d %B %Y}") for r in referrals
        ]
        self.fields["referral"].error_messages["required"] = "Select the referral"


class AssessmentForm(forms.Form):
    child_seen_on = GovDateField(label="Date the child was seen", required=False, past_only=True)
    child_seen_alone_on = GovDateField(label="Date the child was seen alone", required=False, past_only=True)
    child_wishes = forms.CharField(
        label="The child's wishes and feelings, in their own words",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    identity = forms.CharField(
        label="How identity, culture, religion, language and disability were considered",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    risk_factors = forms.CharField(label="Risk factors", required=False, widget=forms.Textarea(attrs=_TEXT))
    protective_factors = forms.CharField(
        label="Protective factors", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of assessment",
        choices=cin_codes.ASSESSMENT_FACTOR.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    analysis = forms.CharField(label="Analysis", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    outcomes = forms.MultipleChoiceField(
        label="Outcome",
        choices=AssessmentOutcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome_other = forms.CharField(
        label="Other outcome (if 'Other actions')", required=False, max_length=200
    )


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label="Why the assessment does not meet the agreed standard, and what needs to be done",
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Enter what needs to be done to meet the standard"},
    )


class CommissionForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=CommissionedKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(label="What is being assessed", max_length=200)
    provider = forms.CharField(label="Provider", max_length=200)
    commissioned_on = GovDateField(label="Date commissioned", required=True, past_only=True)
    due_on = GovDateField(label="Due date", required=True)


class CompleteCommissionedForm(forms.Form):
    completed_on = GovDateField(label="Date completed", required=True, past_only=True)
