from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from accounts.models import Team, User
from accounts.permissions import Role
from core.forms import GovDateField, GovForm

from .models import AuditTool, DirectionOutcome, Grade, OversightPoint, SamplingRule
from .services import ActionRow, ReviewRow

_T = {"rows": 4}
ACTION_ROWS = 3


def _text(label: str, required_message: str = "", rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        **kwargs,
    )


class ActionsForm(GovForm):
    """A form ending with up to three actions, each with what, who and by when; a row left
    empty is ignored."""

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=f"Action {n} (optional)", max_length=300, required=False
            )
            self.fields[f"action_{n}_owner"] = forms.ModelChoiceField(
                label=f"Who does action {n}", queryset=owners, required=False
            )
            self.fields[f"action_{n}_due_on"] = GovDateField(label=f"Action {n} due by", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, ACTION_ROWS + 1):
            if data.get(f"action_{n}"):
                if not data.get(f"action_{n}_owner"):
                    self.add_error(f"action_{n}_owner", f"Select who does action {n}")
                if not data.get(f"action_{n}_due_on"):
                    self.add_error(f"action_{n}_due_on", f"Enter when action {n} is due")
        return data


def split_actions(data: dict[str, Any]) -> tuple[dict[str, Any], list[ActionRow]]:
    """The form's data without its action rows, and the rows filled in."""
    rest = {k: v for k, v in data.items() if not k.startswith("action_")}
    rows = [
        ActionRow(data[f"action_{n}"], data[f"action_{n}_owner"], data[f"action_{n}_due_on"])
        for n in range(1, ACTION_ROWS + 1)
        if data.get(f"action_{n}")
    ]
    return rest, rows


def with_actions(data: dict[str, Any]) -> dict[str, Any]:
    """The form's data for a service taking `actions`."""
    rest, rows = split_actions(data)
    return {**rest, "actions": rows}


class SupervisionForm(GovForm):
    """A supervision session, then a review of each of the worker's open case directions:
    done, carried over to a new date, or no longer needed, with a note."""

    worker = forms.ModelChoiceField(
        label="Worker supervised",
        queryset=User.objects.none(),
        error_messages={"required": "Select the worker"},
    )
    held_on = GovDateField(label="Date of the supervision", required=True, past_only=True)
    reflective = _text(
        "Reflective discussion (optional)",
        help_text="Private to the worker, the supervisor and their managers.",
        rows=6,
    )
    wellbeing = _text("Wellbeing and support (optional)", help_text="Private, as above.")

    def __init__(
        self, *args: Any, workers: QuerySet[User], directions: Sequence[tuple[str, str, str]], **kwargs: Any
    ) -> None:
        """`directions`: for each open direction to review, its field prefix, what it is
        called (the child and when it was given) and what it asked."""
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]
        self.reviewed = [key for key, _, _ in directions]
        for key, name, asked in directions:
            self.fields[f"{key}_outcome"] = forms.ChoiceField(
                label=f"What became of the direction for {name}",
                choices=DirectionOutcome.choices,
                widget=forms.RadioSelect,
                help_text=asked,
                error_messages={"required": f"Select what became of the direction for {name}"},
            )
            self.fields[f"{key}_next_review_on"] = GovDateField(
                label=f"New review date for {name}, if carried over", required=False
            )
            self.fields[f"{key}_note"] = _text(
                f"Note on the direction for {name}",
                help_text="Needed when it is carried over or no longer needed: why.",
                rows=2,
            )

    def service_data(self, data: dict[str, Any], directions: dict[str, Any]) -> dict[str, Any]:
        """The form's data for `record_supervision`: `directions` maps each prefix to its direction."""
        rest = {k: v for k, v in data.items() if not k.startswith("review_")}
        rows = [
            ReviewRow(
                directions[key],
                data[f"{key}_outcome"],
                data.get(f"{key}_note") or "",
                data.get(f"{key}_next_review_on"),
            )
            for key in self.reviewed
        ]
        return {**rest, "reviews": rows}


class DirectionForm(ActionsForm):
    analysis = _text("Analysis", "Enter the analysis of the child's situation")
    objectives = _text(
        "Planning objectives",
        "Enter the planning objectives",
        help_text="What must be achieved for the child, and how we will know.",
    )
    contingency = _text("Contingency plan", help_text="What happens if the plan does not work.")
    review_on = GovDateField(
        label="Direction next reviewed by", required=True, name="The date the direction is next reviewed by"
    )


class OversightForm(ActionsForm):
    point = forms.ChoiceField(
        label="Oversight given at",
        choices=OversightPoint.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the point at which the oversight was given"},
    )
    decided_on = GovDateField(label="Date of the oversight", required=True, past_only=True)
    decision = _text("Decision", "Enter the decision", rows=3)
    rationale = _text("Rationale", "Enter the rationale for the decision")
    direction = _text("Direction to the worker")
    review_on = GovDateField(label="Next reviewed by", required=True, name="The date of the next review")


class CompleteActionForm(GovForm):
    done_on = GovDateField(label="Date done", required=True, past_only=True)


class WithdrawActionForm(GovForm):
    withdrawn_on = GovDateField(label="Date withdrawn", required=True, past_only=True)
    reason = _text(
        "Why the action is withdrawn", "Enter why the action is withdrawn", rows=3, max_length=1000
    )


class AuditForm(GovForm):
    """One grade and its evidence for each of the tool's questions, then the overall grade."""

    def __init__(self, *args: Any, tool: AuditTool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audited_on"] = GovDateField(label="Date of the audit", required=True, past_only=True)
        self.questions = []
        for section in tool.sections.prefetch_related("questions"):
            for q in section.questions.all():
                self.questions.append(q)
                self.fields[f"q{q.pk}_grade"] = forms.ChoiceField(
                    label=f"{section.title}: {q.text}",
                    choices=Grade.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Select a grade for “{q.text}”"},
                )
                self.fields[f"q{q.pk}_evidence"] = _text(
                    f"Evidence for “{q.text}”", f"Enter the evidence for “{q.text}”", rows=3
                )
        self.fields["grade"] = forms.ChoiceField(
            label="Overall grade",
            choices=Grade.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Select the overall grade"},
        )
        self.fields["learning"] = _text("What we learned", "Enter what the audit found")
        self.fields["worker_took_part"] = forms.BooleanField(
            label="The child's social worker took part in the audit", required=False
        )
        self.fields["manager_took_part"] = forms.BooleanField(
            label="Their team manager took part in the audit", required=False
        )

    def service_data(self, data: dict[str, Any]) -> dict[str, Any]:
        answers = {q.pk: (data[f"q{q.pk}_grade"], data[f"q{q.pk}_evidence"]) for q in self.questions}
        return {
            "audited_on": data["audited_on"],
            "grade": data["grade"],
            "learning": data["learning"],
            "answers": answers,
            "worker_took_part": data.get("worker_took_part", False),
            "manager_took_part": data.get("manager_took_part", False),
        }


class ModerationForm(GovForm):
    moderated_on = GovDateField(label="Date of the moderation", required=True, past_only=True)
    agreed_grade = forms.ChoiceField(
        label="Agreed grade",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agreed grade"},
    )
    comments = _text("Comments", help_text="Needed when the agreed grade differs from the auditor's.")


class AuditActionForm(GovForm):
    set_on = GovDateField(label="Date", required=True, past_only=True)
    action_1 = forms.CharField(
        label="Action", max_length=300, error_messages={"required": "Enter what is to be done"}
    )
    action_1_owner = forms.ModelChoiceField(
        label="Who does it", queryset=User.objects.none(), error_messages={"required": "Select who does it"}
    )
    action_1_due_on = GovDateField(label="Due by", required=True, name="The date the action is due by")

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action_1_owner"].queryset = owners  # type: ignore[attr-defined]


class ProgrammeForm(GovForm):
    name = forms.CharField(
        label="Programme name", max_length=120, error_messages={"required": "Enter the programme's name"}
    )
    month = GovDateField(label="Any day in the month audited", required=True)
    tool = forms.ModelChoiceField(
        label="Audit tool",
        queryset=AuditTool.objects.filter(is_active=True),
        error_messages={"required": "Select the audit tool"},
    )
    rule = forms.ChoiceField(
        label="How the sample is drawn",
        choices=SamplingRule.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the sample is drawn"},
    )
    size = forms.IntegerField(
        label="How many children",
        min_value=1,
        max_value=50,
        error_messages={"required": "Enter how many children to sample"},
    )
    partners = forms.ModelMultipleChoiceField(
        label="Partner auditors (a multi-agency audit)",
        queryset=User.objects.filter(is_active=True, role=Role.PARTNER.value).order_by(
            "last_name", "first_name"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They see the sampled children's records, and no others, until the month's end.",
    )


def _fte(label: str, what: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} as a number, like 8.5",
        },
    )


def _headcount(label: str, what: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        initial=0,
        error_messages={"required": f"Enter the {what}", "invalid": f"Enter the {what} as a whole number"},
    )


class EstablishmentForm(GovForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(is_active=True),
        error_messages={"required": "Select the team"},
    )
    month = GovDateField(label="Any day in the month", required=True, name="The month")
    posts = _fte("Posts (full time equivalent)", "number of posts")
    permanent = _fte("Permanent staff in post (full time equivalent)", "permanent staff in post")
    agency = _fte("Agency workers (full time equivalent)", "agency workers")
    starters = _headcount("Starters in the month", "number of starters")
    leavers = _headcount("Leavers in the month", "number of leavers")


class DuplicateDecisionForm(GovForm):
    """The decision on a pair the duplicate sweep proposed: the same person (merge, keeping
    one record) or different people."""

    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=[("accept", "Yes, merge the records"), ("reject", "No, they are different people")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these are the same person"},
    )
    keep = forms.ChoiceField(
        label="Which record is kept?",
        required=False,
        widget=forms.RadioSelect,
        help_text="The other record's history moves to it; the other record is kept as merged.",
    )
    reason = _text("Reason", "Enter the reason for your decision", rows=3, max_length=1000)

    def __init__(self, *args: Any, choices: Sequence[tuple[object, str]] = (), **kwargs: Any) -> None:
        """`choices`: the pair's two records, each (key, Harbour ID)."""
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(str(pk), f"Keep {label}") for pk, label in choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "accept" and not data.get("keep"):
            self.add_error("keep", "Select which record to keep")
        return data
