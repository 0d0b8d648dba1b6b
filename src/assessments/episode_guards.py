"""Work this stage still has open on a child-in-need episode (see core.extensions)."""

from typing import Any

from .models import Assessment, AssessmentStatus


def open_work(referral: Any) -> list[str]:
    open_ = Assessment.objects.filter(referral=referral).exclude(status=AssessmentStatus.AUTHORISED)
    return ["an assessment not yet authorised"] if open_.exists() else []
