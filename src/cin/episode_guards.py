"""Work this stage still has open on a child-in-need episode (see core.extensions)."""

from typing import Any

from .models import CINPlan


def open_work(referral: Any) -> list[str]:
    return ["a child in need plan"] if CINPlan.objects.filter(referral=referral).current().exists() else []
