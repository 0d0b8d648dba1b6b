from statemachine import StateMachine
from statemachine.states import States

from .models import EpisodeStatus


class EpisodeMachine(StateMachine):
    """An early help episode: open until ended (outcomes met, step-up, NFA, …)."""

    _ = States.from_enum(
        EpisodeStatus, initial=EpisodeStatus.OPEN, final={EpisodeStatus.CLOSED}, use_enum_instance=False
    )
    end = _.OPEN.to(_.CLOSED)
