"""The forms every plan's pages share: what we are worried about and the goals, one SMART
action, and the end of the plan."""

from django import forms

from core.form_fields import line, text
from core.forms import GovDateField


class PlanTextForm(forms.Form):
    worries = text("What we are worried about", required=False)
    goals = text("What needs to change (goals)", required=False)


class ActionForm(forms.Form):
    """The one form for adding or editing a SMART action."""

    what = text("What needs to happen", rows=3, required=False)
    who_person = forms.CharField(label="Who will do it (name or role)", required=False, max_length=120)
    who_agency = forms.CharField(label="Their agency", required=False, max_length=120)
    by_when = GovDateField(label="By when", required=False)
    serves = forms.CharField(label="The worry or goal it serves", required=False, max_length=300)


class DeleteActionForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, delete this action",
        error_messages={"required": "Select “Yes, delete this action” to delete it"},
    )


class EndPlanForm(forms.Form):
    end_date = GovDateField(label="Date the plan ended", required=True, past_only=True)
    reason = line("Reason the plan ended", 300, "Enter the reason the plan ended")
