"""The workflow's one writer of status history reads each declared machine as a table of
transitions: it must agree with the machine itself, and refuse a machine it cannot honour."""

import importlib
import inspect
from pathlib import Path

import pytest
from statemachine import State, StateMachine
from statemachine.exceptions import TransitionNotAllowed

from core.workflow import Step, TransitionRefused, history_rows

SRC = Path(__file__).resolve().parents[2]


def _machines() -> list[type[StateMachine]]:
    found = []
    for path in sorted(SRC.glob("*/machines.py")):
        module = importlib.import_module(f"{path.parent.name}.machines")
        found += [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls) and issubclass(cls, StateMachine) and cls.__module__ == module.__name__
        ]
    return found


class _Record:
    """Just a status, and its display for the refusal's message."""

    def __init__(self, status: str) -> None:
        self.status = status

    def get_status_display(self) -> str:
        return self.status


def _by_the_machine(machine_cls: type[StateMachine], status: str, event: str) -> str | None:
    record = _Record(status)
    try:
        machine_cls(model=record, state_field="status").send(event)
    except TransitionNotAllowed:
        return None
    return record.status


def _by_the_writer(machine_cls: type[StateMachine], status: str, event: str) -> str | None:
    record = _Record(status)
    try:
        history_rows(
            record,  # type: ignore[arg-type]
            [Step(event, None, None)],  # type: ignore[arg-type]
            machine_cls=machine_cls,
            history_model=lambda **row: row,  # type: ignore[arg-type]
            history_fk="record",
        )
    except TransitionRefused:
        return None
    return record.status


def test_every_workflow_machine_is_found():
    names = {cls.__name__ for cls in _machines()}
    assert {"ContactMachine", "EpisodeMachine", "AssessmentMachine", "PlanMachine"} <= names


@pytest.mark.parametrize("machine_cls", _machines(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_history_writer_moves_as_the_declared_machine_does(machine_cls):
    events = {
        str(event) for state in machine_cls.states for move in state.transitions for event in move.events
    }
    for state in machine_cls.states:
        for event in sorted(events):
            expected = _by_the_machine(machine_cls, state.value, event)
            assert _by_the_writer(machine_cls, state.value, event) == expected, (state.value, event)


def test_history_writer_refuses_a_machine_with_a_guard():
    class Guarded(StateMachine):
        waiting = State(initial=True)
        done = State(final=True)
        finish = waiting.to(done, cond="ready")

        def ready(self) -> bool:
            return False

    with pytest.raises(TypeError, match="ready"):
        _by_the_writer(Guarded, "waiting", "finish")
