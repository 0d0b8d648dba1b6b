from typing import Any

from django import forms

from core.form_fields import radios, text, yes_no
from core.forms import GovDateField, GovForm

from .chronology import KIND_LABELS
from .models import CaseNoteKind, DocumentType, VisitKind


class VisitForm(GovForm):
    kind = forms.ChoiceField(label="Type of visit", choices=VisitKind.choices)
    visited_on = GovDateField(label="Date of the visit", required=True, past_only=True)
    child_seen = yes_no("Was the child seen?", error="Select whether the child was seen")
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    bedroom_seen = forms.BooleanField(label="The child's bedroom was seen", required=False)
    announced = forms.BooleanField(label="The visit was announced", required=False, initial=True)
    location = forms.CharField(
        label="Where (optional)",
        max_length=120,
        required=False,
        error_messages={
            "max_length": "Where the visit took place must be %(limit_value)d characters or fewer"
        },
    )
    purpose = forms.CharField(label="Purpose of the visit (optional)", max_length=300, required=False)
    child_said = text("What the child said, in their own words (optional)", required=False, max_length=5000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seen_alone") and data.get("child_seen") is False:
            self.add_error("seen_alone", "A child can only be seen alone if they were seen")
        return data


# --- The child's story -----------------------------------------------------------------------

YES_NO_UNKNOWN = [("", "Not relevant"), ("yes", "Yes"), ("no", "No")]


def _yes_no_none(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _yes_no_unknown(label: str) -> forms.ChoiceField:
    """Yes, no, or not relevant (None)."""
    return radios(label, YES_NO_UNKNOWN, coerce=_yes_no_none, empty_value=None, required=False)


class ChronologyFilterForm(GovForm):
    """GET filters: work without JavaScript."""

    date_from = GovDateField(label="From", required=False, name="The date to list from")
    date_to = GovDateField(label="To", required=False)
    kind = forms.MultipleChoiceField(
        label="Kinds of event",
        choices=sorted(KIND_LABELS.items(), key=lambda kv: str(kv[1])),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    significant = forms.BooleanField(label="Significant events only", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data


class AnnotationForm(GovForm):
    significant = forms.BooleanField(label="This is a significant event in the child's life", required=False)
    impact = text(
        "Impact on the child",
        rows=3,
        required=False,
        max_length=3000,
        help_text="What this meant for the child: how it affected their safety, wellbeing or development.",
    )
    analysis = text(
        "Analysis",
        rows=3,
        required=False,
        max_length=3000,
        help_text="What this tells us, alongside everything else we know.",
    )


class ChronologyEntryForm(GovForm):
    occurred_on = GovDateField(label="Date of the event", required=True, past_only=True)
    agency = forms.CharField(
        label="Agency involved", max_length=120, help_text="For example, school, police, GP."
    )
    what_happened = text("What happened", max_length=5000)
    source_of_information = forms.CharField(
        label="Source of the information", max_length=200, help_text="Who told us, and how."
    )
    impact = text("Impact on the child (optional)", rows=3, required=False, max_length=3000)
    significant = forms.BooleanField(label="This is a significant event in the child's life", required=False)
    restricted = forms.BooleanField(label="Restrict this entry to managers", required=False)


class CaseNoteForm(GovForm):
    kind = forms.ChoiceField(label="Type of note", choices=CaseNoteKind.choices)
    occurred_on = GovDateField(label="Date", required=True, past_only=True)
    title = forms.CharField(label="Heading (optional)", max_length=200, required=False)
    written_to_child = forms.BooleanField(
        label="Written to the child",
        required=False,
        help_text="Address the child by name, in plain words they could read now or when they are older. "
        "Say what happened, what they told you and what will happen next. Avoid jargon and blame.",
    )
    body = text("Case note", rows=12, required=False, max_length=50000)
    child_seen = _yes_no_unknown("Was the child seen?")
    seen_alone = _yes_no_unknown("Was the child seen alone?")
    visit_kind = forms.ChoiceField(
        label="Is this a statutory visit? (optional)",
        help_text="For a visit where the child was seen: the final note is then the visit, "
        "and counts towards the child's visit timescales. Do not record the visit again.",
        choices=[("", "Not a statutory visit"), *VisitKind.choices],
        required=False,
    )
    restricted = forms.BooleanField(label="Restrict this note to managers", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seen_alone") and data.get("child_seen") is False:
            self.add_error("seen_alone", "A child can only be seen alone if they were seen")
        return data

    def note_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ChildViewForm(GovForm):
    recorded_on = GovDateField(label="Date", required=True, past_only=True)
    words = text(
        "What the child said, in their own words",
        rows=5,
        required=False,
        max_length=10000,
        help_text="Write down exactly what they said. Do not summarise or interpret.",
    )
    method = forms.CharField(label="How they told us (optional)", max_length=120, required=False)
    attachment = forms.FileField(
        label="Their drawing or recording (optional)",
        required=False,
        help_text="A picture (PNG, JPEG, GIF, WebP) or sound recording (MP3, M4A, OGG, WAV), up to 10MB.",
    )
    informed_kind = forms.CharField(
        label="Meeting or decision their views informed (optional)",
        max_length=60,
        required=False,
        help_text="For example, review, conference, placement decision.",
    )
    informed_on = GovDateField(label="Date of that meeting or decision (optional)", required=False)
    informed_text = forms.CharField(
        label="What their views changed (optional)", max_length=200, required=False
    )
    informed_source_key = forms.CharField(widget=forms.HiddenInput, required=False)


class DocumentUploadForm(GovForm):
    title = forms.CharField(label="Title", max_length=200)
    doc_type = forms.ChoiceField(label="Type", choices=DocumentType.choices)
    document_date = GovDateField(label="Date of the document", required=True, past_only=True)
    upload = forms.FileField(
        label="File", help_text="PDF, Word, OpenDocument, plain text, PNG or JPEG, up to 20MB."
    )
    restricted = forms.BooleanField(
        label="Restricted: only me, the team manager and people I name can open it", required=False
    )
    named_usernames = forms.CharField(
        label="Named users (optional)",
        required=False,
        max_length=500,
        help_text="Usernames, separated by commas, of other people who may open a restricted document.",
    )


class GenerateDocumentForm(GovForm):
    choice = radios("Document to generate")

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = options  # type: ignore[attr-defined]


class SubjectAccessForm(GovForm):
    requested_by_name = forms.CharField(
        label="Who asked for the record",
        max_length=200,
        help_text="The child, or the person acting for them.",
    )
    received_on = GovDateField(label="Date the request was received", required=True, past_only=True)


class ReturnForm(GovForm):
    reason = text("What needs to change", rows=3, max_length=2000)


class ExtendSubjectAccessForm(GovForm):
    months = radios(
        "How much longer is needed?",
        [("1", "One further month"), ("2", "Two further months")],
        "Choose an extension of one or two months",
        coerce=int,
    )
    reason = text(
        "Why the request is complex or numerous",
        rows=3,
        max_length=2000,
        error="Say why the request needs more time",
    )
    told_on = GovDateField(
        label="Date the requester was told of the extension and why", required=True, past_only=True
    )


class HandOverForm(GovForm):
    """Hand a leaver's draft case notes to a worker who is still here."""

    to = forms.ChoiceField(label="Worker to hand the drafts to", choices=())
    reason = text("Why this worker", rows=3, max_length=1000)

    def __init__(self, *args: Any, workers: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", "Select")] + list(workers)  # type: ignore[attr-defined]
