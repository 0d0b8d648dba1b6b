"""The assessment workflow: in progress → submitted → authorised, or returned for more work."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import AssessmentStatus


class AssessmentMachine(StateMachine):
    _ = statuses(AssessmentStatus, AssessmentStatus.IN_PROGRESS, AssessmentStatus.AUTHORISED)
    submit = _.IN_PROGRESS.to(_.AWAITING_AUTHORISATION)
    authorise = _.AWAITING_AUTHORISATION.to(_.AUTHORISED)
    return_for_work = _.AWAITING_AUTHORISATION.to(_.IN_PROGRESS)
