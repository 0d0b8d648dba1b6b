"""Care leavers' lines of the summary on every page of a young person's record: since when
they left care, their pathway plan and personal adviser, and the reviews and contacts due
(`core.extensions.SummaryFacts`; the dates are the work list's own, `care_leavers.worklist`)."""

from datetime import date
from typing import Any

from codes import permanence as pcodes
from core.extensions import SummaryFact
from core.links import url
from core.presenters import govuk_date
from core.worklist import due_facts

from . import worklist
from .models import CareLeaver
from .queries import summary_of

HOLDS = [CareLeaver]

ORDER = 45


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    s = summary_of(person, today)  # read once for the summary and the care leaver panel
    if s is None:
        return []
    record = s.record
    link = url("people:work", person.pk) + "#care-leaver"
    found = [
        SummaryFact("Care leaver since", govuk_date(s.left_care_on), link=link, order=ORDER)
        if s.left_care_on
        else SummaryFact(
            "Care leaver",
            pcodes.CARE_LEAVER_ELIGIBILITY.label(record.recorded_category),
            link=link,
            order=ORDER,
        )
    ]
    if s.plan is None:
        plan = "No pathway plan"
    else:
        reviews = [r.reviewed_on for r in s.plan.reviews.all()]
        plan = f"Agreed {govuk_date(s.plan.plan_date)}"
        if reviews:
            plan += f", last reviewed {govuk_date(max(reviews))}"
    found.append(SummaryFact("Pathway plan", plan, link=link, order=ORDER))
    found.append(
        SummaryFact("Personal adviser", s.personal_adviser or "None allocated", link=link, order=ORDER)
    )
    return found + due_facts(worklist.items_of(s), user, order=ORDER)
