import re
from datetime import datetime, time
from functools import partial
from typing import Any

from django import forms
from django.utils import timezone

from codes import cin as cin_codes
from codes import person as person_codes
from core.form_fields import radios, text
from core.forms import GovDateField, GovForm

from . import clocks
from .models import Channel, Consent, Decision, DisagreementOutcome

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


_text = partial(text, rows=5, max_length=10000)


class OpenReferralForm(GovForm):
    """A form starting work from one of the child's open referrals (CIN episodes), given as
    `referrals` (`frontdoor.views.with_open_referrals`): `referral` is the one chosen, the
    first to start with."""

    referral = radios("Referral (CIN episode)", coerce=int)

    def __init__(self, *args: Any, referrals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [  # type: ignore[attr-defined]
            (r.pk, f"Referral of {r.referral_date:%-d %B %Y}") for r in referrals
        ]
        if referrals:
            self.fields["referral"].initial = referrals[0].pk


class ContactForm(GovForm):
    received_on = GovDateField(label="Date received", past_only=True, required=True)
    received_time = forms.CharField(
        label="Time received",
        help_text="24-hour clock, for example 17:45",
        max_length=5,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time received"},
    )
    channel = radios("How was it received?", Channel.choices, "Select how the contact was received")
    source = forms.ChoiceField(
        label="Source", choices=[("", "Select the source")] + cin_codes.REFERRAL_SOURCE.choices()
    )
    referrer_name = forms.CharField(label="Referrer's name (optional)", max_length=120, required=False)
    referrer_agency = forms.CharField(
        label="Referrer's agency or relationship (optional)", max_length=120, required=False
    )
    referrer_contact_details = forms.CharField(
        label="Referrer's phone or email (optional)", max_length=200, required=False
    )
    concern = _text(
        "What is the concern?",
        rows=6,
        error_messages={
            "required": "Enter the concern",
            "max_length": "The concern must be %(limit_value)d characters or fewer",
        },
    )
    consent = radios("Consent", Consent.choices, "Select whether consent was given")
    consent_notes = _text("Consent notes (required if consent was not sought)", rows=3, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, raw = data.get("received_on"), data.get("received_time")
        if raw:
            match = _TIME.match(raw)
            if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
                self.add_error("received_time", "Enter a real time, for example 17:45")
            elif day:
                data["received_at"] = timezone.make_aware(
                    datetime.combine(day, time(int(match.group(1)), int(match.group(2))))
                )
        return data


class FindChildForm(GovForm):
    # The caller may not know the child's first name, and an unborn baby has none: the
    # duplicate check runs on the family name and dates alone.
    given_name = forms.CharField(
        label="Given name (optional)",
        max_length=80,
        required=False,
        help_text="Leave blank if it is not known, or for an unborn baby.",
    )
    family_name = forms.CharField(label="Family name", max_length=80)
    date_of_birth = GovDateField(label="Date of birth (optional)", past_only=True, required=False)
    postcode = forms.CharField(
        label="Postcode (optional)",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )


class NewChildForm(FindChildForm):
    expected_date_of_birth = GovDateField(
        label="Expected date of birth (for an unborn baby)",
        required=False,
        help_text="Leave blank if the child is born.",
    )
    sex = radios("Sex", person_codes.SEX.choices())
    confirm_new = forms.BooleanField(
        label="None of the possible matches is this child – create a new record", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_of_birth") and data.get("expected_date_of_birth"):
            self.add_error(
                "expected_date_of_birth", "Enter a date of birth or an expected date of birth, not both"
            )
        return data


class ScreeningForm(GovForm):
    threshold_level = radios("Threshold level", error="Select the threshold level")
    decision = radios("Decision", Decision.choices, "Select the decision")
    primary_need = forms.ChoiceField(
        label="Primary need (for a referral)",
        required=False,
        choices=[("", "Not a referral")] + cin_codes.PRIMARY_NEED.choices(),
    )
    summary = _text("Screening summary and reasons", rows=6)
    threshold_reason = forms.CharField(
        label="If the decision does not fit the threshold level, why (optional otherwise)",
        help_text="For example, a referral for assessment for a child at Level 1: universal.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["threshold_level"].choices = list(clocks.threshold_levels())  # type: ignore[attr-defined]


class ConfirmForm(GovForm):
    action = radios(
        "Your decision",
        [("confirm", "Confirm the decision"), ("return", "Return for more work")],
        "Select whether you confirm the decision",
    )
    rationale = _text("Rationale (or what more work is needed)", rows=5)


class FeedbackForm(GovForm):
    given_on = GovDateField(label="Date feedback given", past_only=True, required=True)
    method = radios("How", Channel.choices, "Select how the referrer was told")
    summary = _text("What the referrer was told", rows=4)


class DisagreementForm(GovForm):
    raised_on = GovDateField(label="Date raised", past_only=True, required=True)
    raised_by_name = forms.CharField(label="Who disagrees", max_length=120)
    agency = forms.CharField(label="Their agency", max_length=120)
    grounds = _text("Why they disagree", rows=4)


class DisagreementActionForm(GovForm):
    action = radios(
        "Action", [("escalate", "Escalate to the next stage"), ("resolve", "Resolve")], "Select an action"
    )
    outcome = radios("Outcome (when resolving)", DisagreementOutcome.choices, required=False)
    resolved_on = GovDateField(label="Date resolved (when resolving)", past_only=True, required=False)
    notes = _text("Reason for escalation, or how it was resolved", rows=4)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "resolve":
            if not data.get("outcome"):
                self.add_error("outcome", "Select the outcome")
            if not data.get("resolved_on"):
                self.add_error("resolved_on", "Enter the date resolved")
        return data


class CloseReferralForm(GovForm):
    closure_date = GovDateField(label="Closure date", past_only=True, required=True)
    reason = radios("Reason for closure", cin_codes.CLOSURE_REASON.choices())
    nfa = forms.BooleanField(label="Closed with no further action, without an assessment", required=False)
