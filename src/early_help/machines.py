"""The early help episode's declared workflow, and where it writes its status history."""

from typing import Any

from statemachine import StateMachine
from statemachine.states import States

from .models import EpisodeStatus, EpisodeStatusChange


class EpisodeMachine(StateMachine):
    """An early help episode: open until ended (outcomes met, step-up, NFA, …)."""

    _ = States.from_enum(
        EpisodeStatus, initial=EpisodeStatus.OPEN, final={EpisodeStatus.CLOSED}, use_enum_instance=False
    )
    end = _.OPEN.to(_.CLOSED)


# The machine and history, as `core.workflow`'s functions take them.
EPISODE: dict[str, Any] = {
    "machine_cls": EpisodeMachine,
    "history_model": EpisodeStatusChange,
    "history_fk": "episode",
}
