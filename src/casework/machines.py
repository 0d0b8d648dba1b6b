"""Workflows of the child's story: case notes (draft → final) and subject access requests."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import CaseNoteStatus, SARStatus


class CaseNoteMachine(StateMachine):
    _ = statuses(CaseNoteStatus, CaseNoteStatus.DRAFT, CaseNoteStatus.FINAL)
    finalise = _.DRAFT.to(_.FINAL)


class SubjectAccessMachine(StateMachine):
    _ = statuses(SARStatus, SARStatus.REQUESTED, SARStatus.RELEASED)
    start_review = _.REQUESTED.to(_.IN_REVIEW)
    approve = _.IN_REVIEW.to(_.APPROVED)
    return_to_review = _.APPROVED.to(_.IN_REVIEW)
    release = _.APPROVED.to(_.RELEASED)
