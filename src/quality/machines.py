"""The workflow of an action from a case direction, an oversight or an audit: open until done,
or withdrawn when it is no longer wanted."""

from statemachine import StateMachine

from core.workflow import statuses, workflow

from .models import ActionStatus, ActionStatusChange


class ActionMachine(StateMachine):
    _ = statuses(ActionStatus, ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.WITHDRAWN)
    complete = _.OPEN.to(_.DONE)
    withdraw = _.OPEN.to(_.WITHDRAWN)


ACTION = workflow(ActionMachine, ActionStatusChange, "action")
