from statemachine import StateMachine

from core.workflow import statuses

from .models import ComplaintStatus


class ComplaintMachine(StateMachine):
    _ = statuses(ComplaintStatus, ComplaintStatus.STAGE_1, ComplaintStatus.CLOSED)
    escalate_to_stage_2 = _.STAGE_1.to(_.STAGE_2)
    escalate_to_stage_3 = _.STAGE_2.to(_.STAGE_3)
    close = _.STAGE_1.to(_.CLOSED) | _.STAGE_2.to(_.CLOSED) | _.STAGE_3.to(_.CLOSED)
