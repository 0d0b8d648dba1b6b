"""The early help episode's declared workflow, and where it writes its status history."""

from statemachine import StateMachine

from core.workflow import statuses, workflow

from .models import EpisodeStatus, EpisodeStatusChange


class EpisodeMachine(StateMachine):
    """An early help episode: open until ended (outcomes met, step-up, NFA, …)."""

    _ = statuses(EpisodeStatus, EpisodeStatus.OPEN, EpisodeStatus.CLOSED)
    end = _.OPEN.to(_.CLOSED)


# The machine and history, as `core.workflow`'s functions take them.
EPISODE = workflow(EpisodeMachine, EpisodeStatusChange, "episode")
