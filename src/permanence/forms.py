from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import User
from codes import permanence as pcodes
from codes import ssda903
from core.form_fields import line, radios, text
from core.forms import GovDateField, GovForm


class PreProceedingsForm(GovForm):
    decision_date = GovDateField(label="Date of the legal gateway decision", required=True, past_only=True)
    letter_date = GovDateField(
        label="Letter before proceedings sent on (optional)", required=False, past_only=True
    )


class PLOMeetingForm(GovForm):
    held_on = GovDateField(label="Date of the meeting", required=True, past_only=True)
    parents_legally_represented = forms.BooleanField(label="Parents were legally represented", required=False)
    notes = text("Notes (optional)", rows=3, required=False)


class StepDownForm(GovForm):
    outcome_date = GovDateField(label="Date of the step-down decision", required=True, past_only=True)
    reason = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "The reason must be %(limit_value)d characters or fewer"},
    )


class ProceedingsForm(GovForm):
    issue_date = GovDateField(label="Date the application was issued", required=True, past_only=True)
    court_reference = forms.CharField(label="Court reference (optional)", required=False, max_length=60)


class ExtensionForm(GovForm):
    granted_on = GovDateField(label="Date the court granted the extension", required=True, past_only=True)
    weeks = forms.IntegerField(
        label="Length of the extension in weeks (up to 8)",
        min_value=1,
        max_value=8,
        error_messages={
            "required": "Enter the length of the extension",
            "min_value": "An extension must be between 1 and 8 weeks",
            "max_value": "An extension must be between 1 and 8 weeks",
            "invalid": "Enter the number of weeks as a number",
        },
    )
    reason = text(
        "The court's reason",
        rows=3,
        max_length=2000,
        error="Enter the reason the court gave for the extension",
    )


class ConcludeForm(GovForm):
    concluded_on = GovDateField(label="Date the proceedings concluded", required=True, past_only=True)
    outcome = radios("Outcome", pcodes.PROCEEDINGS_OUTCOME.choices(), "Select the outcome")


class OrderForm(GovForm):
    order_type = radios("Type of order", pcodes.ORDER_TYPE.choices(), "Select the type of order")
    made_on = GovDateField(label="Date the order was made", required=True, past_only=True)
    ended_on = GovDateField(label="Date the order ended (optional)", required=False, past_only=True)


class AdoptionDecisionForm(GovForm):
    adm_decision_date = GovDateField(
        label="Date of the agency decision maker's decision that the child should be placed for adoption",
        required=True,
        past_only=True,
    )


class AdoptionStepForm(GovForm):
    on = GovDateField(label="Date", required=True, past_only=True)

    def __init__(self, *args: Any, event: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = {
            "authorise": "Date of the placement order (or consent)",
            "match": "Date of the match decision",
            "place": "Date the child moved in with the adopters",
            "adopt": "Date of the adoption order",
            "reverse": "Date the decision was reversed",
        }[event]
        if event == "match":
            self.fields["number_of_adopters"] = forms.IntegerField(
                label="Number of adopters (optional)", min_value=1, max_value=2, required=False
            )
            self.fields["adopter_sex"] = forms.ChoiceField(
                label="Adopters' sex (optional)",
                choices=[("", "Not known"), *pcodes.ADOPTER_SEX.choices()],
                required=False,
            )
            self.fields["adopter_legal_status"] = forms.ChoiceField(
                label="Adopters' legal status (optional)",
                choices=[("", "Not known"), *pcodes.ADOPTER_LEGAL_STATUS.choices()],
                required=False,
            )
            self.fields["adopted_by_foster_carer"] = forms.BooleanField(
                label="The adopters are the child's foster carers", required=False
            )
            self.fields["foster_placement_start"] = GovDateField(
                label="Date the child was placed with those foster carers (optional)",
                required=False,
                past_only=True,
            )
        if event == "reverse":
            self.fields["reversed_reason"] = radios(
                "Why the decision was reversed",
                ssda903.REASON_PLACED_CEASED.choices(),
                "Select why the decision was reversed",
            )


class PreviousPermanenceForm(GovForm):
    prev_perm = radios(
        "Before starting care, was the child adopted or under a special guardianship or child arrangements order?",
        ssda903.PREVIOUS_PERMANENCE.choices(),
        "Select whether the child was previously adopted or under an order",
    )
    la_perm = forms.CharField(label="Authority that arranged it (optional)", required=False, max_length=80)
    date_perm = forms.CharField(
        label="Date of the order (optional)",
        help_text="For example, 27/03/2015. Use zz for an unknown day or month: zz/03/2015 or zz/zz/2015.",
        required=False,
        max_length=10,
    )


class ContactSessionForm(GovForm):
    with_whom = line("Contact with", 120, "Enter who the contact is with")
    centre = line("Contact centre", 120, "Enter the contact centre")
    room = line("Room", 60, "Enter the room")
    supervisor = forms.ModelChoiceField(
        label="Supervisor",
        queryset=User.objects.none(),
        error_messages={"required": "Select the supervisor"},
    )
    day = GovDateField(label="Date of the session", required=True)
    start_time = forms.TimeField(
        label="Start time (24-hour, for example 14:00)",
        error_messages={"required": "Enter the start time", "invalid": "Enter the start time like 14:00"},
    )
    end_time = forms.TimeField(
        label="End time (24-hour, for example 15:30)",
        error_messages={"required": "Enter the end time", "invalid": "Enter the end time like 15:30"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supervisor"]
        field.queryset = User.objects.filter(is_active=True).order_by("last_name", "first_name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        day = data["day"]
        start: time = data["start_time"]
        end: time = data["end_time"]
        return (
            timezone.make_aware(datetime.combine(day, start)),
            timezone.make_aware(datetime.combine(day, end)),
        )


class CancelContactForm(GovForm):
    cancelled_by = radios(
        "Who cancelled", pcodes.CONTACT_CANCELLED_BY.choices(), "Select who cancelled the session"
    )
    reason = line(
        "Why",
        300,
        "Enter why the session was cancelled",
        error_messages={"max_length": "The reason must be %(limit_value)d characters or fewer"},
    )


class PeriodForm(GovForm):
    """The period of a report (both ends optional)."""

    start = GovDateField(label="From", required=False, name="The date to list from")
    end = GovDateField(label="To", required=False)
