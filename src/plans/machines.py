"""The plan workflow, shared by child protection and child in need plans: draft (awaiting
sign-off) → active (signed off) → ended."""

from statemachine import StateMachine

from core.workflow import statuses

from .models import PlanStatus


class PlanMachine(StateMachine):
    _ = statuses(PlanStatus, PlanStatus.DRAFT, PlanStatus.ENDED)
    sign_off = _.DRAFT.to(_.ACTIVE)
    end = _.ACTIVE.to(_.ENDED)
