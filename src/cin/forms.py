from typing import Any

from django import forms

from codes import cin as cin_codes
from core.forms import GovDateField

_T = {"rows": 4}


class CINPlanForm(forms.Form):
    referral = forms.TypedChoiceField(label="Referral (CIN episode)", coerce=int, widget=forms.RadioSelect)
    start_date = GovDateField(label="Start date", required=True, past_only=True)
    worries = forms.CharField(
        label="What we are worried about", required=False, widget=forms.Textarea(attrs=_T)
    )
    goals = forms.CharField(
        label="What needs to change (goals)", required=False, widget=forms.Textarea(attrs=_T)
    )

    def __init__(self, *args: Any, referrals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [  # type: ignore[attr-defined]
            (r.pk, f"Referral of {r.referral_date:%-d %B %Y}") for r in referrals
        ]


class ReviewForm(forms.Form):
    held_on = GovDateField(label="Date of the review", required=True, past_only=True)
    progress = forms.CharField(
        label="Progress against the plan",
        widget=forms.Textarea(attrs=_T),
        error_messages={"required": "Enter the progress made against the plan"},
    )
    child_views = forms.CharField(label="The child's views", required=False, widget=forms.Textarea(attrs=_T))


class CloseEpisodeForm(forms.Form):
    closure_date = GovDateField(label="Closure date", required=True, past_only=True)
    closure_reason = forms.ChoiceField(
        label="Reason for closure",
        choices=cin_codes.CLOSURE_REASON.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the reason for closure"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)
