"""Assessment items for "My work": assessments due (statutory 45 working days from the
referral, stored with the local target) and, for managers, assessments awaiting sign-off."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import SIGN_OFF, WorkItem, since_earliest

from .models import KIND_RULE, Assessment, AssessmentStatus


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    rows = Assessment.objects.filter(person_id__in=person_ids).exclude(status=AssessmentStatus.AUTHORISED)
    for a in rows:
        link = url("assessments:detail", a.pk)
        if a.status == AssessmentStatus.AWAITING_AUTHORISATION:
            yield WorkItem(
                a.person_id,
                "Assessment awaiting authorisation",
                KIND_RULE[a.kind],
                a.submitted_on or today,
                None,
                link,
                SIGN_OFF,
            )
        else:
            yield WorkItem(
                a.person_id,
                f"{a.get_kind_display()} due",
                KIND_RULE[a.kind],
                a.due_date,
                a.local_target_date,
                link,
                "assessment",
            )


def open_work_person_ids(today: date) -> dict[int, date]:
    """Children with an assessment not yet authorised, since it started."""
    return since_earliest(
        Assessment.objects.exclude(status=AssessmentStatus.AUTHORISED).values_list("person_id", "start_date")
    )
