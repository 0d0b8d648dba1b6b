"""Every record's history is shown in plain words ("Contact received", not "receive"): each
status history model declares what its events are called (`StatusChangeBase.EVENT_LABELS`),
and every transition a machine declares, and every opening event, has a label."""

from django.apps import apps
from statemachine import StateMachine

from core.extensions import app_modules
from core.workflow import StatusChangeBase, _declared
from frontdoor.models import ContactStatusChange, ReferralStatusChange
from protection.models import CPPlanStatusChange

# The events that open a record's history (`core.workflow.opening_row`), beside its machine's.
OPENING_EVENTS = {"receive", "open", "raise", "start"}


def _history_models() -> list[type[StatusChangeBase]]:
    return [m for m in apps.get_models() if issubclass(m, StatusChangeBase)]


def _machines() -> list[type[StateMachine]]:
    return [
        value
        for module in app_modules("machines")
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, StateMachine) and value is not StateMachine
    ]


def test_every_history_model_declares_its_events_in_plain_words():
    models = _history_models()
    assert len(models) >= 15
    for model in models:
        assert model.EVENT_LABELS, f"{model._meta.label} declares no EVENT_LABELS"
        for event, label in model.EVENT_LABELS.items():
            assert label[0].isupper() and "_" not in label and label != event, (model, event)


def test_every_declared_transition_and_opening_event_has_a_label():
    labelled = {event for model in _history_models() for event in model.EVENT_LABELS}
    machines = _machines()
    assert len(machines) >= 15
    declared = {event for machine in machines for (_, event) in _declared(machine)}
    assert declared - labelled == set()
    assert OPENING_EVENTS - labelled == set()


def test_a_history_row_shows_its_label_and_an_unknown_event_readably():
    assert ContactStatusChange(event="receive").event_label == "Contact received"
    assert ReferralStatusChange(event="open").event_label == "Referral received"
    assert CPPlanStatusChange(event="sign_off").event_label == "Plan signed off"
    assert ContactStatusChange(event="some_new_event").event_label == "Some new event"
