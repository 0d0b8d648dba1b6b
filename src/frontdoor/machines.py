"""Declared workflows of the front door, and where each writes its status history."""

from statemachine import StateMachine

from core.workflow import statuses, workflow

from .models import (
    ContactStatus,
    ContactStatusChange,
    DisagreementStatus,
    DisagreementStatusChange,
    ReferralStatus,
    ReferralStatusChange,
)


class ContactMachine(StateMachine):
    """Received → screened by a social worker → decision confirmed by a manager.

    A manager may return a screened contact for more work (back to awaiting screening).
    """

    _ = statuses(ContactStatus, ContactStatus.RECEIVED, ContactStatus.DECIDED)
    screen = _.RECEIVED.to(_.SCREENED)
    confirm = _.SCREENED.to(_.DECIDED)
    return_for_work = _.SCREENED.to(_.RECEIVED)


class ReferralMachine(StateMachine):
    """A child-in-need episode: open until closed (CIN census closure reason RC1–RC9)."""

    _ = statuses(ReferralStatus, ReferralStatus.OPEN, ReferralStatus.CLOSED)
    close = _.OPEN.to(_.CLOSED)


class DisagreementMachine(StateMachine):
    """Raised at stage 1; escalated stage by stage; resolved with an outcome."""

    _ = statuses(DisagreementStatus, DisagreementStatus.RAISED, DisagreementStatus.RESOLVED)
    escalate = _.RAISED.to(_.ESCALATED) | _.ESCALATED.to.itself()
    resolve = _.RAISED.to(_.RESOLVED) | _.ESCALATED.to(_.RESOLVED)


# Each workflow's machine and history, as `core.workflow`'s functions take them.
CONTACT = workflow(ContactMachine, ContactStatusChange, "contact")
REFERRAL = workflow(ReferralMachine, ReferralStatusChange, "referral")
DISAGREEMENT = workflow(DisagreementMachine, DisagreementStatusChange, "disagreement")
