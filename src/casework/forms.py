from typing import Any

from django import forms

from core.forms import GovDateField

from .models import VisitKind


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label="Type of visit", choices=VisitKind.choices)
    visited_on = GovDateField(label="Date of the visit", required=True, past_only=True)
    child_seen = forms.TypedChoiceField(
        label="Was the child seen?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was seen"},
    )
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    bedroom_seen = forms.BooleanField(label="The child's bedroom was seen", required=False)
    announced = forms.BooleanField(label="The visit was announced", required=False, initial=True)
    location = forms.CharField(label="Where (optional)", max_length=120, required=False)
    purpose = forms.CharField(label="Purpose of the visit (optional)", max_length=300, required=False)
    child_said = forms.CharField(
        label="What the child said, in their own words (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seen_alone") and data.get("child_seen") is False:
            self.add_error("seen_alone", "A child can only be seen alone if they were seen")
        return data
