from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from core.forms import GovDateField, GovForm

from .rules import RULES, Unit


class CalculatorForm(GovForm):
    rule = forms.ChoiceField(
        label="Timescale",
        choices=[("", "Choose a timescale")] + [(r.id, r.description) for r in RULES.values()],
        error_messages={"required": "Choose a timescale"},
    )
    start = GovDateField(label="Date the clock starts", required=True)
    start_time = forms.TimeField(
        label="Time the clock starts (for timescales in hours)",
        required=False,
        help_text="For example, 22:00",
        input_formats=["%H:%M", "%H.%M", "%I:%M%p", "%I%p"],
        error_messages={"invalid": "Enter a time like 22:00"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def clock_start(self) -> Any:
        rule = RULES[self.cleaned_data["rule"]]
        start = self.cleaned_data["start"]
        if rule.unit is Unit.HOURS:
            at = self.cleaned_data.get("start_time") or time(9, 0)
            return timezone.make_aware(datetime.combine(start, at))
        return start
