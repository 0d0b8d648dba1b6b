"""The child in care's lines of the summary on every page of their record: legal status,
placement and the care clocks' next dates (`core.extensions.SummaryFacts`)."""

from datetime import date
from typing import Any

from accounts.permissions import Permission
from core.extensions import SummaryFact, holds
from core.links import url
from core.presenters import coded, govuk_date

from .models import PeriodOfCare
from .queries import SKIPPABLE, summary_of

# The period of care, and the history its summary reads only for a child who has some.
HOLDS = [PeriodOfCare, *SKIPPABLE]


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not user.has_perm(Permission.VIEW_CARE.value) or not holds(person, PeriodOfCare):
        return []
    summary = summary_of(person, today)
    if summary is None:
        return []
    timeline = url("looked_after:timeline", person.pk)
    found = [SummaryFact("Looked after since", govuk_date(summary.period.start_date), order=20)]
    if summary.episode is not None:
        found.append(
            SummaryFact(
                "Legal status", coded(summary.episode.legal_status, "legal_status"), link=timeline, order=21
            )
        )
    if summary.placement is not None:
        found.append(
            SummaryFact("Placement", coded(summary.placement, "placement_type"), link=timeline, order=22)
        )
    found += [SummaryFact(i.title, due=i.due, link=i.link, order=20) for i in summary.items]
    return found
