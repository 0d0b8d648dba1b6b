from statemachine import StateMachine

from core.workflow import statuses

from .models import DeletionStatus


class DeletionMachine(StateMachine):
    _ = statuses(DeletionStatus, DeletionStatus.PROPOSED, DeletionStatus.REJECTED, DeletionStatus.DELETED)
    approve = _.PROPOSED.to(_.APPROVED)
    reject = _.PROPOSED.to(_.REJECTED)
    record_deleted = _.APPROVED.to(_.DELETED)
