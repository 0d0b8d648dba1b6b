"""The assessment workflow: in progress → submitted → authorised, or returned for more work."""

from statemachine import StateMachine
from statemachine.states import States

from .models import AssessmentStatus


class AssessmentMachine(StateMachine):
    _ = States.from_enum(
        AssessmentStatus,
        initial=AssessmentStatus.IN_PROGRESS,
        final={AssessmentStatus.AUTHORISED},
        use_enum_instance=False,
    )
    submit = _.IN_PROGRESS.to(_.AWAITING_AUTHORISATION)
    authorise = _.AWAITING_AUTHORISATION.to(_.AUTHORISED)
    return_for_work = _.AWAITING_AUTHORISATION.to(_.IN_PROGRESS)
