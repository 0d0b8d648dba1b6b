"""An export run's workflow: queued -> running -> succeeded | failed."""

from statemachine import StateMachine
from statemachine.states import States

from .models import RunStatus


class ExportRunMachine(StateMachine):
    _ = States.from_enum(
        RunStatus,
        initial=RunStatus.QUEUED,
        final={RunStatus.SUCCEEDED, RunStatus.FAILED},
        use_enum_instance=False,
    )
    start = _.QUEUED.to(_.RUNNING)
    succeed = _.RUNNING.to(_.SUCCEEDED)
    fail = _.QUEUED.to(_.FAILED) | _.RUNNING.to(_.FAILED)
