"""Care leaver clocks for "My work": needs assessment, pathway plan review, PA contact, OC3."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem

from .eligibility import ordinal
from .models import CareLeaver
from .queries import LeaverSummary, summaries


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    records = list(CareLeaver.objects.filter(person_id__in=person_ids).select_related("person"))
    for s in summaries(records, today):
        yield from items_of(s)


def items_of(s: LeaverSummary) -> Iterable[WorkItem]:
    """One care leaver's due work (the work list's and the child's summary's, `summary`)."""
    person = s.record.person
    link = url("people:work", person.pk) + "#care-leaver"
    if s.needs_assessment_due:
        yield WorkItem(
            person.pk,
            "Care leaver needs assessment",
            "care_leaver_needs_assessment",
            s.needs_assessment_due,
            None,
            link,
            "care_leavers",
        )
    if s.plan_review_due:
        yield WorkItem(
            person.pk,
            "Pathway plan review",
            "pathway_plan_review",
            s.plan_review_due,
            None,
            link,
            "care_leavers",
        )
    if s.pa_contact_due:
        yield WorkItem(
            person.pk,
            "Personal adviser contact",
            "pa_visit",
            s.pa_contact_due,
            None,
            link,
            "care_leavers",
        )
    if s.oc3_due and s.oc3_age_due:
        yield WorkItem(
            person.pk,
            f"Status around the {ordinal(s.oc3_age_due)} birthday (903 OC3)",
            "oc3_birthday",
            s.oc3_due,
            None,
            link,
            "care_leavers",
        )
