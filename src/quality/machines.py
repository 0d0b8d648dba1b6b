"""The declared state machines of quality's records (transitions only; ADR 0002): an action
from a case direction, an oversight or an audit (open until done, or withdrawn when it is no
longer wanted), and a pair of records the duplicate sweep proposed (decided once)."""

from statemachine import StateMachine

from core.workflow import statuses, workflow

from .models import ActionStatus, ActionStatusChange
from .models.duplicates import DuplicatePairStatusChange, PairStatus


class ActionMachine(StateMachine):
    _ = statuses(ActionStatus, ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.WITHDRAWN)
    complete = _.OPEN.to(_.DONE)
    withdraw = _.OPEN.to(_.WITHDRAWN)


ACTION = workflow(ActionMachine, ActionStatusChange, "action")


class DuplicatePairMachine(StateMachine):
    """A proposed pair is decided once: accepted (the records merged) or rejected."""

    _ = statuses(PairStatus, PairStatus.PROPOSED, PairStatus.ACCEPTED, PairStatus.REJECTED)
    accept = _.PROPOSED.to(_.ACCEPTED)
    reject = _.PROPOSED.to(_.REJECTED)


DUPLICATE_PAIR = workflow(DuplicatePairMachine, DuplicatePairStatusChange, "pair")
