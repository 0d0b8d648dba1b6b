"""CIN plans share the CP plan's declared workflow; the episode has its own small machine.

`ReferralMachine` is this app's machine over `frontdoor.ReferralStatus`, used only by
`cin.services.close_episode` (the front-door stage may ship its own close_referral; the two
are reconciled at merge).
"""

from statemachine import StateMachine
from statemachine.states import States

from frontdoor.models import ReferralStatus
from protection.machines import PlanMachine

__all__ = ["PlanMachine", "ReferralMachine"]


class ReferralMachine(StateMachine):
    _ = States.from_enum(
        ReferralStatus, initial=ReferralStatus.OPEN, final={ReferralStatus.CLOSED}, use_enum_instance=False
    )
    close = _.OPEN.to(_.CLOSED)
