"""CIN plans share the CP plan's declared workflow (`protection.machines.PlanMachine`).

The CIN episode itself (`frontdoor.Referral`) is closed only through the front door's
`close_referral`, with its own machine.
"""

from protection.machines import PlanMachine

__all__ = ["PlanMachine"]
