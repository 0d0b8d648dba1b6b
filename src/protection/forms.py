from typing import Any

from django import forms

from codes import cin as cin_codes
from core.form_fields import radios, text
from core.forms import GovDateField, GovForm
from frontdoor.forms import OpenReferralForm
from plans import forms as plan_forms

from .models import Agency, ChairCheckKind, ConferenceDecision, S47Outcome, StepDown, StrategyDecision


def _agencies(label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies"},
    )


class StrategyForm(OpenReferralForm):
    held_on = GovDateField(label="Date of the discussion", required=True, past_only=True)
    is_meeting = forms.BooleanField(
        label="This was a strategy meeting (not a discussion by phone or video)", required=False
    )
    agencies = _agencies("Agencies that took part")
    participants = text("Who took part (names and roles)", required=False)
    information_shared = text("Information shared", error="Enter the information shared")
    decision = radios("Decision", StrategyDecision.choices, "Select the decision")


class S47OutcomeForm(GovForm):
    outcome = radios("Outcome of the enquiry", S47Outcome.choices, "Select the outcome")
    outcome_date = GovDateField(label="Date of the outcome", required=True, past_only=True)


class ConferenceForm(plan_forms.ProgressForm):
    held_on = GovDateField(label="Date of the conference", required=True, past_only=True)
    attendees = text("Who attended (names and roles)", required=False)
    agencies_attended = forms.MultipleChoiceField(
        label="Agencies that attended",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agencies_reported = forms.MultipleChoiceField(
        label="Agencies that sent a report (including the GP)",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    parent_participation = text("Parents' participation and views", required=False)
    child_participation = forms.ChoiceField(
        label="The child's participation",
        choices=[("", "Select")] + cin_codes.PARTICIPATION.choices(),
        required=False,
    )
    child_views = text("The child's views", required=False)
    decision = radios("Decision", error="Select the decision")
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=[("", "Select")] + cin_codes.ABUSE_CATEGORY.choices(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        review: bool = False,
        transfer: bool = False,
        actions: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, actions=actions or [], **kwargs)
        choices = ConferenceDecision.choices
        self.fields["decision"].choices = [c for c in choices if (c[0] in ("CONTINUE", "END")) == review]  # type: ignore[attr-defined]
        if review:
            del self.fields["category"]
        else:
            self.fields["previous_plans_elsewhere"] = forms.IntegerField(
                label="Child protection plans with other authorities before this one",
                help_text="If the conference makes a plan: how many plans the child had "
                "elsewhere (plans recorded here are counted already).",
                min_value=0,
                max_value=99,
                required=False,
                error_messages={"min_value": "Enter 0 or more", "invalid": "Enter a whole number"},
            )
        if transfer:
            self.fields["transfer_notified_on"] = GovDateField(
                label="Date the move into the area was notified", required=True, past_only=True
            )


class EndPlanForm(plan_forms.EndPlanForm):
    step_down = radios("What happens next", StepDown.choices, "Select what happens next")


class CoreGroupForm(plan_forms.ProgressForm):
    held_on = GovDateField(label="Date of the core group", required=True, past_only=True)
    agencies = _agencies("Agencies that attended")
    attendees = text("Who attended", rows=2, required=False)
    notes = text("Notes", required=False)


class ChairCheckForm(GovForm):
    kind = radios("Type", ChairCheckKind.choices, "Select the type")
    raised_on = GovDateField(label="Date", required=True, past_only=True)
    concern = text("What was checked or challenged", error="Enter what was checked or challenged")


class ResolveCheckForm(GovForm):
    resolved_on = GovDateField(label="Date of the outcome", required=True, past_only=True)
    outcome = text("Outcome", error="Enter the outcome")


class ManagementDecisionForm(GovForm):
    decided_on = GovDateField(label="Date of the decision", required=True, past_only=True)
    decision = text("Decision", rows=3, error="Enter the decision")
    rationale = text("Rationale", error="Enter the rationale for the decision")
    context = forms.CharField(label="What it relates to (optional)", max_length=200, required=False)
