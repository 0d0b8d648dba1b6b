"""The questions forms ask again and again, declared once (rendered by `core.forms`).

    decision = radios("Decision", StrategyDecision.choices, "Select the decision")
    notes = text("Notes (optional)", required=False)
    school = line("School or setting", 200, "Enter the school or setting")
    iro_met_child = yes_no("Did the IRO meet the child before the review?")
    provider = select("Placement provider", ssda903.PLACEMENT_PROVIDER.choices())

A question someone must answer says what to do when it is left out, in the GOV.UK style
("Select the decision", "Select yes or no: …").
"""

from typing import Any

from django import forms

YES_NO = [("yes", "Yes"), ("no", "No")]


def _lower_first(label: str) -> str:
    return f"{label[0].lower()}{label[1:]}"


def radios(label: str, choices: Any = (), error: str = "", **options: Any) -> forms.ChoiceField:
    """One answer from a few, shown as radios (`coerce`: typed); `error`, the message when
    none is chosen."""
    if error:
        options["error_messages"] = {**options.get("error_messages", {}), "required": error}
    field = forms.TypedChoiceField if "coerce" in options else forms.ChoiceField
    return field(label=label, choices=choices, widget=forms.RadioSelect, **options)


def yes_no(label: str, required: bool = True, error: str = "") -> forms.TypedChoiceField:
    """A yes or no question: True, False, or None when left out of an optional one."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        required=required,
        empty_value=None,
        error_messages={"required": error or f"Select yes or no: {_lower_first(label).rstrip('?')}"},
    )


def select(
    label: str, choices: list[tuple[str, str]], required: bool = True, blank: str = "Select"
) -> forms.ChoiceField:
    """One answer from a long list, shown as a select that starts at `blank`."""
    return forms.ChoiceField(
        label=label,
        choices=[("", blank), *choices],
        required=required,
        error_messages={"required": f"Select the {_lower_first(label)}"},
    )


def line(label: str, max_length: int, error: str = "", **options: Any) -> forms.CharField:
    """A short free-text answer on one line; `error`, the message when it is required and
    left empty."""
    if error:
        options["error_messages"] = {**options.get("error_messages", {}), "required": error}
    return forms.CharField(label=label, max_length=max_length, **options)


def text(label: str, rows: int = 4, error: str = "", **options: Any) -> forms.CharField:
    """A free-text answer in a textarea of `rows` lines; `error`, the message when it is
    required and left empty."""
    if error:
        options["error_messages"] = {**options.get("error_messages", {}), "required": error}
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **options)
