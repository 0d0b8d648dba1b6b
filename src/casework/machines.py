"""Workflows of the child's story: case notes (draft → final) and subject access requests."""

from statemachine import StateMachine
from statemachine.states import States

from .models import CaseNoteStatus, SARStatus


class CaseNoteMachine(StateMachine):
    _ = States.from_enum(
        CaseNoteStatus, initial=CaseNoteStatus.DRAFT, final={CaseNoteStatus.FINAL}, use_enum_instance=False
    )
    finalise = _.DRAFT.to(_.FINAL)


class SubjectAccessMachine(StateMachine):
    _ = States.from_enum(
        SARStatus, initial=SARStatus.REQUESTED, final={SARStatus.RELEASED}, use_enum_instance=False
    )
    start_review = _.REQUESTED.to(_.IN_REVIEW)
    approve = _.IN_REVIEW.to(_.APPROVED)
    return_to_review = _.APPROVED.to(_.IN_REVIEW)
    release = _.APPROVED.to(_.RELEASED)
