from django import forms

from codes import cin as cin_codes
from core.form_fields import radios, text
from core.forms import GovDateField, GovForm
from frontdoor.forms import OpenReferralForm
from plans import forms as plan_forms


class CINPlanForm(OpenReferralForm):
    start_date = GovDateField(label="Start date", required=True, past_only=True)
    worries = text("What we are worried about", required=False)
    goals = text("What needs to change (goals)", required=False)


class ReviewForm(plan_forms.ProgressForm):
    held_on = GovDateField(label="Date of the review", required=True, past_only=True)
    progress = text("Progress against the plan", error="Enter the progress made against the plan")
    child_views = text("The child's views", required=False)


class CloseEpisodeForm(GovForm):
    closure_date = GovDateField(label="Closure date", required=True, past_only=True)
    closure_reason = radios(
        "Reason for closure", cin_codes.CLOSURE_REASON.choices(), "Select the reason for closure"
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)
