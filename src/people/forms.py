"""Forms for person records. Validation messages follow the GOV.UK style."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from codes import person as codes
from core.form_fields import line, radios, text
from core.forms import GovDateField, GovForm

from .models import NameKind, RecordType, RelationshipType, RestrictionReason
from .validators import normalise_postcode, validate_nhs_number, validate_upn


def _with_blank(choices: list[tuple[str, str]], text: str = "Not recorded") -> list[tuple[str, str]]:
    return [("", text), *choices]


def _name(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=100,
        error_messages={
            "required": f"Enter a {label.lower()}",
            "max_length": f"{label} must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class _Checked(forms.CharField):
    """An optional identifier, checked and put in its standard form by `check` when given."""

    def __init__(self, check: Callable[[str], str], **kwargs: Any) -> None:
        self.check = check
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        given = super().clean(value)
        return self.check(given) if given.strip() else ""


def _upn(label: str) -> forms.CharField:
    """A unique pupil number, optional."""
    return _Checked(
        validate_upn,
        label=label,
        required=False,
        max_length=15,
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )


class PersonForm(GovForm):
    record_type = radios(
        "Who is this record for?", RecordType.choices, "Select whether this is a child or an adult"
    )
    # A front door often does not know a first name (a baby not yet named, a child the caller
    # knows only by surname): it may be left blank, and the duplicate check still runs.
    given_name = forms.CharField(
        label="First name (optional)",
        max_length=100,
        required=False,
        help_text="Leave blank if it is not known, or for an unborn baby.",
        error_messages={"max_length": "First name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    middle_names = forms.CharField(
        label="Middle names",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    family_name = _name("Last name")
    preferred_name = forms.CharField(
        label="Known as (optional)",
        max_length=100,
        required=False,
        help_text="The name they like to be called, if different.",
    )
    date_of_birth = GovDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    expected_date_of_birth = GovDateField(
        label="Expected date of birth",
        required=False,
        help_text="Only for an unborn child. Leave blank if the date of birth is known.",
    )
    date_of_death = GovDateField(label="Date of death", required=False, past_only=True)
    sex = radios("Sex", codes.SEX.choices(), "Select the person's sex", initial="U")
    gender = forms.ChoiceField(label="Gender", choices=codes.GENDER.choices(), initial="0")
    gender_description = forms.CharField(
        label="Gender in their own words (optional)", max_length=100, required=False
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=codes.ETHNICITY.choices(), initial="NOBT")
    religion = forms.ChoiceField(
        label="Religion or belief", choices=_with_blank(codes.RELIGION.choices()), required=False
    )
    first_language = forms.ChoiceField(
        label="First language", choices=_with_blank(codes.LANGUAGE.choices()), required=False
    )
    interpreter_required = forms.BooleanField(label="Needs an interpreter", required=False)
    communication_needs = text("Communication needs (optional)", rows=3, required=False, max_length=2000)
    identity_notes = text(
        "Identity, culture and what matters to them (optional)",
        required=False,
        max_length=5000,
        help_text="In their own words where possible: heritage, faith, culture, language, what is "
        "important to them about who they are.",
    )
    nhs_number = _Checked(
        validate_nhs_number,
        label="NHS number (optional)",
        required=False,
        max_length=14,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )
    upn = _upn("Unique pupil number (UPN) (optional)")
    former_upn = _upn("Former UPN (optional)")
    upn_unknown_reason = forms.ChoiceField(
        label="Why the UPN is not known",
        required=False,
        choices=_with_blank(codes.UPN_UNKNOWN.choices(), "Not applicable"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dob, edd = data.get("date_of_birth"), data.get("expected_date_of_birth")
        if dob and edd:
            self.add_error(
                "expected_date_of_birth", "Enter a date of birth or an expected date of birth, not both"
            )
        if (
            data.get("record_type") == RecordType.CHILD
            and not dob
            and not edd
            and not self.has_error("date_of_birth")
            and not self.has_error("expected_date_of_birth")
        ):
            self.add_error("date_of_birth", "Enter a date of birth, or an expected date for an unborn child")
        death = data.get("date_of_death")
        if death and dob and death < dob:
            self.add_error("date_of_death", "Date of death must be after the date of birth")
        if data.get("upn") and data.get("upn_unknown_reason"):
            self.add_error("upn_unknown_reason", "Leave this blank when the UPN is recorded")
        return data


class NewPersonForm(PersonForm):
    """Creating a person: identity, disabilities and a first address in one page."""

    disabilities = forms.MultipleChoiceField(
        label="Disabilities (optional)",
        required=False,
        choices=codes.DISABILITY.choices(),
        widget=forms.CheckboxSelectMultiple,
    )
    address_line_1 = forms.CharField(label="Address line 1 (optional)", required=False, max_length=120)
    address_line_2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=120)
    address_town = forms.CharField(
        label="Town or city",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    address_postcode = _Checked(
        normalise_postcode,
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}),
    )
    address_start = GovDateField(label="Living at this address since", required=False, past_only=True)
    confirm_new = forms.BooleanField(
        label="None of these records is this person – create a new record", required=False
    )

    def clean_disabilities(self) -> list[str]:
        chosen = self.cleaned_data.get("disabilities") or []
        if "NONE" in chosen and len(chosen) > 1:
            raise ValidationError("Select 'No disability', or the disabilities the person has, not both")
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        address = [data.get(k) for k in ("address_line_1", "address_town", "address_postcode")]
        if any(address) or data.get("address_line_2"):
            if not data.get("address_line_1"):
                self.add_error("address_line_1", "Enter address line 1, or leave the address blank")
            if not data.get("address_town"):
                self.add_error("address_town", "Enter the town or city")
            if not data.get("address_postcode") and not self.has_error("address_postcode"):
                self.add_error("address_postcode", "Enter the postcode")
        return data


class EditPersonForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SearchForm(GovForm):
    q = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="Any name they have used (spelling does not need to be exact), or their Harbour ID.",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    date_of_birth = GovDateField(label="Date of birth", required=False)
    nhs_number = _Checked(
        validate_nhs_number,
        label="NHS number",
        required=False,
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    postcode = _Checked(
        normalise_postcode,
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )


class AddressForm(GovForm):
    kind = forms.ChoiceField(label="Type of address", choices=codes.ADDRESS_KIND.choices(), initial="HOME")
    line_1 = line("Address line 1", 120, "Enter address line 1")
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=120, required=False)
    town = line("Town or city", 80, "Enter the town or city")
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={"required": "Enter the postcode"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    start_date = GovDateField(
        label="Living here since", required=True, past_only=True, name="The date they started living here"
    )

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data.get("postcode", ""))


class NameForm(GovForm):
    kind = radios("Type of name", NameKind.choices, "Select the type of name")
    given_name = forms.CharField(label="First name (optional)", max_length=100, required=False)
    family_name = line("Last name", 100, "Enter a last name")
    used_from = GovDateField(label="Used from (optional)", required=False, past_only=True)
    used_to = GovDateField(label="Used until (optional)", required=False, past_only=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("used_from") and data.get("used_to") and data["used_to"] < data["used_from"]:
            self.add_error("used_to", "The end date must be after the start date")
        return data


DIRECTION_CHOICES = [
    ("other_is", "The other person is this person's …"),
    ("this_is", "This person is the other person's …"),
]


class HarbourIdField(forms.CharField):
    """Another person's Harbour ID typed in (HB0000123), given back in capitals."""

    def __init__(self, whose: str, help_text: str) -> None:
        super().__init__(
            label=f"Harbour ID of {whose}",
            max_length=20,
            help_text=help_text,
            error_messages={"required": f"Enter the Harbour ID of {whose}"},
            widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        )

    def clean(self, value: Any) -> str:
        return str(super().clean(value)).upper()


class RelationshipForm(GovForm):
    other_id = HarbourIdField(
        "the other person", "Find the person first, then copy their Harbour ID, for example HB0000123."
    )
    direction = radios(
        "Which way round",
        DIRECTION_CHOICES,
        "Select which way round the relationship goes",
        initial="other_is",
    )
    type = forms.ChoiceField(label="Relationship", choices=RelationshipType.choices)
    parental_responsibility = forms.BooleanField(
        label="The parent or carer in this relationship has parental responsibility", required=False
    )
    lives_with = forms.BooleanField(label="They live in the same household", required=False)
    start_date = GovDateField(label="Since (optional)", required=False, past_only=True)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=300)


class AlertForm(GovForm):
    kind = forms.ChoiceField(label="Alert", choices=codes.ALERT_KIND.choices())
    details = text("Details", rows=3, max_length=1000, required=False)
    start_date = GovDateField(label="From", required=True, past_only=True, name="The date the alert starts")


class RestrictForm(GovForm):
    reason = radios(
        "Why is this record restricted?", RestrictionReason.choices, "Select why the record is restricted"
    )
    details = text("Details (optional)", rows=3, required=False, max_length=1000)
    named_users = forms.MultipleChoiceField(
        label="Who may open this record",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You, as the record's manager, can always open it.",
    )

    def __init__(self, *args: Any, user_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_users"].choices = user_choices  # type: ignore[attr-defined]


class BreakGlassForm(GovForm):
    reason = text(
        "Why do you need to open this record?",
        rows=3,
        min_length=10,
        max_length=2000,
        help_text="This is recorded and the record's manager is told.",
        error_messages={
            "required": "Enter why you need to open this record",
            "min_length": "Give a reason of at least 10 characters",
        },
    )
    # The address the user was refused at, to return to once the glass is broken (only a
    # path on this site is followed: see `people.views.break_glass_view`).
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class MergeForm(GovForm):
    duplicate_id = HarbourIdField(
        "the duplicate record", "Its histories will move to this record and it will be closed as a duplicate."
    )
    reason = text(
        "How do you know these are the same person?",
        rows=3,
        max_length=2000,
        error="Enter how you know these are the same person",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class UndoMergeForm(GovForm):
    reason = text(
        "Why are you undoing this merge?",
        rows=3,
        max_length=2000,
        error="Enter why you are undoing this merge",
        help_text="For example, the two records are of twins with similar names.",
    )
