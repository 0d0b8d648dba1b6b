"""The front door's line of the summary on every page of a child's record: the open child
in need episode (referral) with its primary need (`core.extensions.SummaryFacts`)."""

from datetime import date
from typing import Any

from core.extensions import SummaryFact, holds
from core.presenters import coded, govuk_date

from .models import Referral, ReferralStatus

HOLDS = [Referral]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not holds(person, Referral):
        return []
    return [
        SummaryFact(
            "Child in need episode",
            f"Open since {govuk_date(r.referral_date)}: {coded(r, 'primary_need')}",
            order=10,
        )
        for r in Referral.objects.filter(person=person, status=ReferralStatus.OPEN).order_by(
            "-referral_date"
        )[:1]
    ]
