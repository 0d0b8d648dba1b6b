"""Early help's rules, each in one function that the services raise from and the bulk import
of past episodes (`services.history`) checks its rows with. Each raises a ValidationError
keyed by the form field, in the words the forms show, or returns when the rule is met.
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError

from core.validation import not_before, not_in_future, required
from people.models import RecordType

from .models import EndReason, EntryRoute, EpisodeStatus


def check_date(field: str, day: date | None, start: date | None = None, label: str = "The date") -> None:
    """An event of an episode is dated, not in the future, and not before the episode
    started (`start`)."""
    if day is None:
        raise ValidationError({field: f"Enter {label.lower()}"})
    not_in_future(day, field=field, label=label)
    not_before(field, day, start, f"{label} must be on or after the episode started")


def check_open(status: str) -> None:
    """The plan and the waiting list change only while the episode is open."""
    if status != EpisodeStatus.OPEN:
        raise ValidationError("The early help episode has ended")


def check_new_episode(
    *,
    record_type: str,
    start_date: date,
    reason: str,
    entry_route: str,
    step_down_from: str,
    step_down_summary: str,
    has_open_episode: bool,
) -> None:
    """An episode is for a child with no other open episode, says why, and how the child
    came (a step-down with who handed over and a summary)."""
    check_date("start_date", start_date, label="The start date")
    errors: dict[str, str] = {}
    if record_type != RecordType.CHILD:
        errors["reason"] = "Early help episodes are for children"
    if not reason.strip():
        errors["reason"] = "Enter the reason for early help"
    if has_open_episode:
        errors["start_date"] = "The child already has an open early help episode"
    if entry_route not in EntryRoute.values:
        errors["entry_route"] = "Select how the child came to early help"
    if entry_route == EntryRoute.STEP_DOWN and not (step_down_from.strip() and step_down_summary.strip()):
        errors["step_down_summary"] = "Enter who handed over and a summary of the handover"
    if errors:
        raise ValidationError(errors)


def check_assessment(*, start: date, started_on: date, completed_on: date | None, outcome: str) -> None:
    """The early help assessment starts within the episode; once complete, it has an outcome."""
    check_date("started_on", started_on, start, "The start date")
    if completed_on is not None:
        check_date("completed_on", completed_on, start, "The completion date")
        not_before("completed_on", completed_on, started_on, "Completion must be on or after the start")
        required("outcome", outcome, "Enter the outcome of the assessment")


def check_meeting(*, start: date, held_on: date, attendees: Sequence[tuple[str, str, bool]]) -> None:
    """A team-around-the-family meeting within the episode, with who was invited."""
    check_date("held_on", held_on, start, "The meeting date")
    if not attendees:
        raise ValidationError({"attended": "Enter at least one person invited to the meeting"})


def check_action(*, status: str, start: date, what: str, who: str, by_when: date) -> None:
    """A SMART action of an open episode's plan: what, who, and by when (after the start)."""
    check_open(status)
    errors = {}
    if not what.strip():
        errors["what"] = "Enter what will be done"
    if not who.strip():
        errors["who"] = "Enter who will do it"
    if by_when < start:
        errors["by_when"] = "The date must be after the episode started"
    if errors:
        raise ValidationError(errors)


def check_action_completed(*, start: date, completed_on: date, already_completed: bool) -> None:
    """An action is completed once, within the episode."""
    check_date("completed_on", completed_on, start, "The completion date")
    if already_completed:
        raise ValidationError({"completed_on": "The action is already complete"})


def check_review(*, start: date, reviewed_on: date, progress: str) -> None:
    """A review of the plan within the episode, saying what progress was made."""
    check_date("reviewed_on", reviewed_on, start, "The review date")
    required("progress", progress, "Enter the progress against the plan")


def check_fgc_request(*, status: str, start: date, requested_on: date, waiting: bool) -> None:
    """A family joins the family group conference waiting list once at a time, while the
    episode is open."""
    check_open(status)
    check_date("requested_on", requested_on, start, "The request date")
    if waiting:
        raise ValidationError({"requested_on": "The family is already waiting for a conference"})


def check_fgc_outcome(*, requested_on: date, on: date, waiting: bool) -> None:
    """A waiting family leaves the list when the conference is held or the request withdrawn,
    on or after the request."""
    check_date("on", on, label="The date")
    if not waiting:
        raise ValidationError({"on": "This request is no longer waiting"})
    not_before("on", on, requested_on, "The date must be on or after the request")


def check_end(*, start: date, end_date: date, end_reason: str) -> None:
    """An episode ends within its dates, for one of the reasons."""
    check_date("end_date", end_date, start, "The end date")
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": "Select why the episode ended"})


def check_not_step_up(end_reason: str) -> None:
    """A step-up ends the episode only through the step-up, which hands the child over."""
    if end_reason == EndReason.STEP_UP:
        raise ValidationError({"end_reason": "Use step-up to hand the child over to social care"})
