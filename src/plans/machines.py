"""The plan workflow, shared by child protection and child in need plans: draft (awaiting
sign-off) → active (signed off) → ended."""

from statemachine import StateMachine
from statemachine.states import States

from .models import PlanStatus


class PlanMachine(StateMachine):
    _ = States.from_enum(
        PlanStatus, initial=PlanStatus.DRAFT, final={PlanStatus.ENDED}, use_enum_instance=False
    )
    sign_off = _.DRAFT.to(_.ACTIVE)
    end = _.ACTIVE.to(_.ENDED)
