from statemachine import StateMachine
from statemachine.states import States

from .models import ComplaintStatus


class ComplaintMachine(StateMachine):
    _ = States.from_enum(
        ComplaintStatus,
        initial=ComplaintStatus.STAGE_1,
        final={ComplaintStatus.CLOSED},
        use_enum_instance=False,
    )
    escalate_to_stage_2 = _.STAGE_1.to(_.STAGE_2)
    escalate_to_stage_3 = _.STAGE_2.to(_.STAGE_3)
    close = _.STAGE_1.to(_.CLOSED) | _.STAGE_2.to(_.CLOSED) | _.STAGE_3.to(_.CLOSED)
