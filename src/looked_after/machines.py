"""IRO dispute resolution: informal, then formal stages 1–3 (IRO Handbook 2010 ch.5), resolved
at any stage."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import EscalationStatus


class EscalationMachine(StateMachine):
    _ = statuses(EscalationStatus, EscalationStatus.INFORMAL, EscalationStatus.RESOLVED)
    escalate = _.INFORMAL.to(_.FORMAL_1) | _.FORMAL_1.to(_.FORMAL_2) | _.FORMAL_2.to(_.FORMAL_3)
    resolve = (
        _.INFORMAL.to(_.RESOLVED)
        | _.FORMAL_1.to(_.RESOLVED)
        | _.FORMAL_2.to(_.RESOLVED)
        | _.FORMAL_3.to(_.RESOLVED)
    )
