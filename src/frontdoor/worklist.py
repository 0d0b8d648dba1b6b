"""Due and overdue front-door decisions (rule `referral_decision`) for "My work"."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem

from .models import ContactChild, ContactStatus


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    links = ContactChild.objects.filter(
        person_id__in=list(person_ids), contact__status__in=[ContactStatus.RECEIVED, ContactStatus.SCREENED]
    ).select_related("contact")
    for link in links:
        contact = link.contact
        yield WorkItem(
            person_id=link.person_id,
            title="Front-door decision"
            + (" (awaiting manager)" if contact.status == ContactStatus.SCREENED else ""),
            rule_id="referral_decision",
            due=contact.decision_due,
            local_target=None,
            link=url("frontdoor:contact", contact.pk),
            kind="frontdoor",
        )
