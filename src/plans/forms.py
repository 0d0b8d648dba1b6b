"""The forms every plan's pages share: what we are worried about and the goals, one SMART
action, and the end of the plan."""

from django import forms

from core.forms import GovDateField

_T = {"rows": 4}


class PlanTextForm(forms.Form):
    worries = forms.CharField(
        label="What we are worried about", required=False, widget=forms.Textarea(attrs=_T)
    )
    goals = forms.CharField(
        label="What needs to change (goals)", required=False, widget=forms.Textarea(attrs=_T)
    )


class ActionForm(forms.Form):
    """The one form for adding or editing a SMART action."""

    what = forms.CharField(
        label="What needs to happen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
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
    reason = forms.CharField(
        label="Reason the plan ended",
        max_length=300,
        error_messages={"required": "Enter the reason the plan ended"},
    )
