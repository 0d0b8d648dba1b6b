"""Due and overdue front-door decisions (rule `referral_decision`) for "My work", and open
referrals as open work: a referral confirmed for a child with no worker waits on the
unallocated list from its referral date until someone is allocated."""

from collections.abc import Collection, Iterable
from datetime import date

from core.links import url
from core.worklist import WorkItem, since_earliest

from .models import ContactChild, ContactStatus, Referral, ReferralStatus


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


def open_work_person_ids(today: date) -> dict[int, date]:
    """Children with an open referral (CIN episode), since the referral date."""
    return since_earliest(
        Referral.objects.filter(status=ReferralStatus.OPEN).values_list("person_id", "referral_date")
    )
