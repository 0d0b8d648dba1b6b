"""The forms every plan's pages share: what we are worried about and the goals, one SMART
action, progress against the actions (at a core group, a review conference or a child in
need review), and the end of the plan."""

from typing import Any

from django import forms

from core.form_fields import line, text
from core.forms import GovDateField, GovForm

from .smart import ActionStatus


class PlanTextForm(GovForm):
    worries = text("What we are worried about", required=False)
    goals = text("What needs to change (goals)", required=False)


class ActionForm(GovForm):
    """The one form for adding or editing a SMART action."""

    what = text("What needs to happen", rows=3, required=False)
    who_person = forms.CharField(label="Who will do it (name or role)", required=False, max_length=120)
    who_agency = forms.CharField(label="Their agency", required=False, max_length=120)
    by_when = GovDateField(label="By when", required=False, name="The date the action is due by")
    serves = forms.CharField(label="The worry or goal it serves", required=False, max_length=300)


class DeleteActionForm(GovForm):
    confirm = forms.BooleanField(
        label="Yes, delete this action",
        error_messages={"required": "Select “Yes, delete this action” to delete it"},
    )


class EndPlanForm(GovForm):
    end_date = GovDateField(label="Date the plan ended", required=True, past_only=True)
    reason = line("Reason the plan ended", 300, "Enter the reason the plan ended")


class ProgressForm(GovForm):
    """A meeting that reviews the plan: its own fields, then a status and a progress note for
    each of the plan's actions (`actions`); `meeting()` and `action_progress()` give what was
    entered."""

    def __init__(self, *args: Any, actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actions = actions
        for i, a in enumerate(actions, start=1):
            self.fields[f"status_{a.pk}"] = forms.ChoiceField(
                label=f"Action {i} status: {a.what[:80]}",
                choices=ActionStatus.choices,
                initial=a.status,
                required=False,
            )
            self.fields[f"note_{a.pk}"] = text(f"Action {i} progress", rows=2, required=False)

    def meeting(self) -> dict[str, Any]:
        """The meeting's own fields (those the form declares), without the actions'."""
        return {name: self.cleaned_data[name] for name in self.base_fields}

    def action_progress(self) -> dict[int, tuple[str, str]]:
        """Action id → (status, progress note)."""
        return {
            a.pk: (
                self.cleaned_data.get(f"status_{a.pk}") or a.status,
                self.cleaned_data.get(f"note_{a.pk}") or "",
            )
            for a in self.actions
        }
