"""An export run's workflow: queued -> running -> succeeded | failed."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import RunStatus


class ExportRunMachine(StateMachine):
    _ = statuses(RunStatus, RunStatus.QUEUED, RunStatus.SUCCEEDED, RunStatus.FAILED)
    start = _.QUEUED.to(_.RUNNING)
    succeed = _.RUNNING.to(_.SUCCEEDED)
    fail = _.QUEUED.to(_.FAILED) | _.RUNNING.to(_.FAILED)
