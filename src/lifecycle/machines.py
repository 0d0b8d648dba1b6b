from statemachine import StateMachine
from statemachine.states import States

from .models import DeletionStatus


class DeletionMachine(StateMachine):
    _ = States.from_enum(
        DeletionStatus,
        initial=DeletionStatus.PROPOSED,
        final={DeletionStatus.REJECTED, DeletionStatus.DELETED},
        use_enum_instance=False,
    )
    approve = _.PROPOSED.to(_.APPROVED)
    reject = _.PROPOSED.to(_.REJECTED)
    record_deleted = _.APPROVED.to(_.DELETED)
