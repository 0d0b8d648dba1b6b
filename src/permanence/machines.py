"""Declared workflows for permanence and court."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import AdoptionStatus, ContactStatus, PLOStatus, ProceedingsStatus


class PreProceedingsMachine(StateMachine):
    _ = statuses(PLOStatus, PLOStatus.OPEN, PLOStatus.ISSUED, PLOStatus.STEPPED_DOWN)
    issue = _.OPEN.to(_.ISSUED)
    step_down = _.OPEN.to(_.STEPPED_DOWN)


class CareProceedingsMachine(StateMachine):
    _ = statuses(ProceedingsStatus, ProceedingsStatus.OPEN, ProceedingsStatus.CONCLUDED)
    conclude = _.OPEN.to(_.CONCLUDED)


class AdoptionMachine(StateMachine):
    _ = statuses(AdoptionStatus, AdoptionStatus.DECIDED, AdoptionStatus.ADOPTED, AdoptionStatus.REVERSED)
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
    _ = statuses(ContactStatus, ContactStatus.SCHEDULED, ContactStatus.HELD, ContactStatus.CANCELLED)
    hold = _.SCHEDULED.to(_.HELD)
    cancel = _.SCHEDULED.to(_.CANCELLED)
