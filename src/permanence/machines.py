"""Declared workflows for permanence and court."""

from statemachine import StateMachine
from statemachine.states import States

from .models import AdoptionStatus, ContactStatus, PLOStatus, ProceedingsStatus


class PreProceedingsMachine(StateMachine):
    _ = States.from_enum(
        PLOStatus,
        initial=PLOStatus.OPEN,
        final={PLOStatus.ISSUED, PLOStatus.STEPPED_DOWN},
        use_enum_instance=False,
    )
    issue = _.OPEN.to(_.ISSUED)
    step_down = _.OPEN.to(_.STEPPED_DOWN)


class CareProceedingsMachine(StateMachine):
    _ = States.from_enum(
        ProceedingsStatus,
        initial=ProceedingsStatus.OPEN,
        final={ProceedingsStatus.CONCLUDED},
        use_enum_instance=False,
    )
    conclude = _.OPEN.to(_.CONCLUDED)


class AdoptionMachine(StateMachine):
    _ = States.from_enum(
        AdoptionStatus,
        initial=AdoptionStatus.DECIDED,
        final={AdoptionStatus.ADOPTED, AdoptionStatus.REVERSED},
        use_enum_instance=False,
    )
    authorise = _.DECIDED.to(_.AUTHORISED)
    match = _.DECIDED.to(_.MATCHED) | _.AUTHORISED.to(_.MATCHED)
    place = _.MATCHED.to(_.PLACED)
    adopt = _.PLACED.to(_.ADOPTED)
    reverse = (
        _.DECIDED.to(_.REVERSED)
        | _.AUTHORISED.to(_.REVERSED)
        | _.MATCHED.to(_.REVERSED)
        | _.PLACED.to(_.REVERSED)
    )


class ContactSessionMachine(StateMachine):
    _ = States.from_enum(
        ContactStatus,
        initial=ContactStatus.SCHEDULED,
        final={ContactStatus.HELD, ContactStatus.CANCELLED},
        use_enum_instance=False,
    )
    hold = _.SCHEDULED.to(_.HELD)
    cancel = _.SCHEDULED.to(_.CANCELLED)
