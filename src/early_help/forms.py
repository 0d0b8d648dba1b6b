from functools import partial
from typing import Any

from django import forms

from core.form_fields import radios, text
from core.forms import GovDateField, GovForm

from .models import EndReason, EntryRoute

_text = partial(text, max_length=10000)


class StartEpisodeForm(GovForm):
    start_date = GovDateField(label="Start date", past_only=True, required=True)
    reason = _text("Reason for early help")
    entry_route = radios(
        "How did the child come to early help?", EntryRoute.choices, "Select how the child came to early help"
    )
    lead_professional_name = forms.CharField(
        label="Lead professional (optional – you, if left blank)", max_length=120, required=False
    )
    lead_professional_agency = forms.CharField(
        label="Lead professional's agency (optional)", max_length=120, required=False
    )
    step_down_from = forms.CharField(
        label="Step-down: handed over by (team or worker)", max_length=120, required=False
    )
    step_down_reason = forms.CharField(label="Step-down: reason", max_length=300, required=False)
    step_down_summary = _text("Step-down: handover summary", required=False)


class LeadProfessionalForm(GovForm):
    name = forms.CharField(label="Lead professional's name", max_length=120)
    agency = forms.CharField(label="Agency", max_length=120)


class AssessmentForm(GovForm):
    started_on = GovDateField(label="Assessment started", past_only=True, required=True)
    completed_on = GovDateField(
        label="Assessment completed (leave blank while in progress)", past_only=True, required=False
    )
    outcome = _text("Outcome (when completed)", required=False)


class MeetingForm(GovForm):
    held_on = GovDateField(label="Date of the meeting", past_only=True, required=True)
    attended = _text("Who attended – one a line: name, agency", rows=4)
    absent = _text("Invited but did not attend – one a line: name, agency (optional)", rows=3, required=False)
    notes = _text("Notes (optional)", required=False)

    @staticmethod
    def _people(text: str, attended: bool) -> list[tuple[str, str, bool]]:
        rows = []
        for line in text.splitlines():
            if line.strip():
                name, _, agency = line.partition(",")
                rows.append((name.strip(), agency.strip(), attended))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["attendees"] = self._people(data.get("attended", ""), True) + self._people(
            data.get("absent", ""), False
        )
        return data


class ActionForm(GovForm):
    what = _text("What will be done", rows=3)
    who = forms.CharField(label="Who will do it", max_length=120)
    by_when = GovDateField(label="By when", required=True, name="The date the action is due by")


class CompleteForm(GovForm):
    completed_on = GovDateField(label="Date completed", past_only=True, required=True)


class ReviewForm(GovForm):
    reviewed_on = GovDateField(label="Date of the review", past_only=True, required=True)
    progress = _text("Progress against the plan")


class FgcRequestForm(GovForm):
    requested_on = GovDateField(label="Date requested", past_only=True, required=True)
    notes = _text("Notes (optional)", required=False)


class FgcOutcomeForm(GovForm):
    held = radios(
        "What happened?",
        [("yes", "The conference was held"), ("no", "The request was withdrawn")],
        coerce=lambda v: v == "yes",
    )
    on = GovDateField(label="Date", past_only=True, required=True)


class StepUpForm(GovForm):
    handover_date = GovDateField(label="Date of step-up", past_only=True, required=True)
    reason = forms.CharField(label="Reason for step-up", max_length=300)
    summary = _text("Handover summary for the front door", rows=6)


class EndEpisodeForm(GovForm):
    end_date = GovDateField(label="End date", past_only=True, required=True)
    end_reason = radios(
        "Why did the episode end?",
        [c for c in EndReason.choices if c[0] != EndReason.STEP_UP],
        "Select why the episode ended",
    )
    note = _text("Note (optional)", required=False)
