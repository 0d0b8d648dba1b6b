"""Work this stage still has open on a child-in-need episode (see core.extensions)."""

from typing import Any

from .models import CPPlan


def open_work(referral: Any) -> list[str]:
    return ["a child protection plan"] if CPPlan.objects.filter(referral=referral).current().exists() else []
