from django import forms

from codes import cin as cin_codes
from core.form_fields import radios, text
from core.forms import GovDateField, GovForm
from frontdoor.forms import OpenReferralForm

from .models import AssessmentKind, AssessmentOutcome, CommissionedKind


class StartAssessmentForm(OpenReferralForm):
    referral = radios("Referral (CIN episode)", error="Select the referral", coerce=int)
    kind = radios("Type of assessment", AssessmentKind.choices, initial=AssessmentKind.SINGLE)
    start_date = GovDateField(label="Start date", required=True, past_only=True)


class AssessmentForm(GovForm):
    child_seen_on = GovDateField(label="Date the child was seen", required=False, past_only=True)
    child_seen_alone_on = GovDateField(label="Date the child was seen alone", required=False, past_only=True)
    child_wishes = text("The child's wishes and feelings, in their own words", required=False)
    identity = text(
        "How identity, culture, religion, language and disability were considered", required=False
    )
    risk_factors = text("Risk factors", required=False)
    protective_factors = text("Protective factors", required=False)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of assessment",
        choices=cin_codes.ASSESSMENT_FACTOR.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    analysis = text("Analysis", rows=6, required=False)
    outcomes = forms.MultipleChoiceField(
        label="Outcome",
        choices=AssessmentOutcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome_other = forms.CharField(
        label="Other outcome (if 'Other actions')", required=False, max_length=200
    )


class AuthoriseForm(GovForm):
    comments = text(
        "Why the assessment can be authorised, and what happens next",
        help_text="Your management oversight: it is kept on the assessment's history.",
        error="Enter why the assessment can be authorised",
        max_length=5000,
    )


class ReturnForm(GovForm):
    comments = text(
        "Why the assessment does not meet the agreed standard, and what needs to be done",
        error="Enter what needs to be done to meet the standard",
    )


class CommissionForm(GovForm):
    kind = radios("Type", CommissionedKind.choices)
    description = forms.CharField(label="What is being assessed", max_length=200)
    provider = forms.CharField(label="Provider", max_length=200)
    commissioned_on = GovDateField(label="Date commissioned", required=True, past_only=True)
    due_on = GovDateField(label="Due date", required=True)


class CompleteCommissionedForm(GovForm):
    completed_on = GovDateField(label="Date completed", required=True, past_only=True)
