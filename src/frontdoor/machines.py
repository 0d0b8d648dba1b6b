"""Declared workflows of the front door, and where each writes its status history."""

from typing import Any

from statemachine import StateMachine
from statemachine.states import States

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

    _ = States.from_enum(
        ContactStatus, initial=ContactStatus.RECEIVED, final={ContactStatus.DECIDED}, use_enum_instance=False
    )
    screen = _.RECEIVED.to(_.SCREENED)
    confirm = _.SCREENED.to(_.DECIDED)
    return_for_work = _.SCREENED.to(_.RECEIVED)


class ReferralMachine(StateMachine):
    """A child-in-need episode: open until closed (CIN census closure reason RC1–RC9)."""

    _ = States.from_enum(
        ReferralStatus, initial=ReferralStatus.OPEN, final={ReferralStatus.CLOSED}, use_enum_instance=False
    )
    close = _.OPEN.to(_.CLOSED)


class DisagreementMachine(StateMachine):
    """Raised at stage 1; escalated stage by stage; resolved with an outcome."""

    _ = States.from_enum(
        DisagreementStatus,
        initial=DisagreementStatus.RAISED,
        final={DisagreementStatus.RESOLVED},
        use_enum_instance=False,
    )
    escalate = _.RAISED.to(_.ESCALATED) | _.ESCALATED.to.itself()
    resolve = _.RAISED.to(_.RESOLVED) | _.ESCALATED.to(_.RESOLVED)


# Each workflow's machine and history, as `core.workflow`'s functions take them.
CONTACT: dict[str, Any] = {
    "machine_cls": ContactMachine,
    "history_model": ContactStatusChange,
    "history_fk": "contact",
}
REFERRAL: dict[str, Any] = {
    "machine_cls": ReferralMachine,
    "history_model": ReferralStatusChange,
    "history_fk": "referral",
}
DISAGREEMENT: dict[str, Any] = {
    "machine_cls": DisagreementMachine,
    "history_model": DisagreementStatusChange,
    "history_fk": "disagreement",
}
