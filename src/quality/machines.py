"""The declared state machines of quality's records (transitions only; ADR 0002)."""

from statemachine import StateMachine

from core.workflow import statuses, workflow

from .models.duplicates import DuplicatePairStatusChange, PairStatus


class DuplicatePairMachine(StateMachine):
    """A proposed pair is decided once: accepted (the records merged) or rejected."""

    _ = statuses(PairStatus, PairStatus.PROPOSED, PairStatus.ACCEPTED, PairStatus.REJECTED)
    accept = _.PROPOSED.to(_.ACCEPTED)
    reject = _.PROPOSED.to(_.REJECTED)


DUPLICATE_PAIR = workflow(DuplicatePairMachine, DuplicatePairStatusChange, "pair")
