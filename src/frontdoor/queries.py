"""Read-side helpers for front-door pages, panels and worklists (set-based)."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from people.access import Purpose, decide

from . import clocks
from .models import Contact, ContactChild, ContactStatus, Decision, Referral


@dataclass
class QueueRow:
    contact: Contact
    children: list
    due_status: str
    frequent: bool


@dataclass
class Queue:
    awaiting_screening: list[QueueRow]
    awaiting_manager: list[QueueRow]
    decided_today: list[QueueRow]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def front_door_queue(user: User, today: date) -> Queue:
    """Open contacts (overdue first, then oldest) and those decided today, without contacts
    about children whose records the user may not open."""
    rows = (
        (
            Contact.objects.filter(status__in=[ContactStatus.RECEIVED, ContactStatus.SCREENED])
            | Contact.objects.filter(
                decided_at__gte=_start_of(today), decided_at__lt=_start_of(today + timedelta(days=1))
            )
        )
        .prefetch_related("child_links__person__restriction")
        .order_by("decision_due", "received_at")
    )
    queue = Queue([], [], [])
    for contact in rows:
        people = [link.person for link in contact.child_links.all()]
        if not all(decide(user, person, Purpose.VIEW).allowed for person in people):
            continue
        decided_on = clocks.local_time(contact.decided_at).date() if contact.decided_at else None
        row = QueueRow(
            contact=contact,
            children=people,
            due_status=clocks.due_status(contact.decision_due, today, decided_on),
            frequent=any(link.frequent_contacts for link in contact.child_links.all()),
        )
        if contact.status == ContactStatus.RECEIVED:
            queue.awaiting_screening.append(row)
        elif contact.status == ContactStatus.SCREENED:
            queue.awaiting_manager.append(row)
        else:
            queue.decided_today.append(row)
    return queue


def re_referral_flags(referrals: Iterable[Referral], *, every_one: bool = False) -> dict[int, bool]:
    """For each referral (by pk): is it a re-referral (`clocks.is_re_referral`)? `every_one`:
    these are all their children's referrals (the child's page has them), none to read."""
    referrals = list(referrals)
    dates: dict[int, list[date]] = defaultdict(list)
    rows = (
        [(r.person_id, r.referral_date) for r in referrals]
        if every_one
        else Referral.objects.filter(person_id__in={r.person_id for r in referrals}).values_list(
            "person_id", "referral_date"
        )
    )
    for person_id, referral_date in rows:
        dates[person_id].append(referral_date)
    return {r.pk: clocks.is_re_referral(r.referral_date, dates[r.person_id]) for r in referrals}


def stepped_to_early_help(
    *, person_ids: Collection[int] | None = None, since: date | None = None
) -> dict[int, date]:
    """Children the front door decided to step to early help (the decision confirmed), with
    the day of the latest such decision; only these children, and decisions from `since`,
    when given."""
    links = ContactChild.objects.filter(
        contact__decision=Decision.EARLY_HELP, contact__status=ContactStatus.DECIDED
    )
    if person_ids is not None:
        links = links.filter(person_id__in=person_ids)
    if since is not None:
        links = links.filter(contact__decided_at__gte=_start_of(since))
    found: dict[int, date] = {}
    for person_id, decided_at in links.values_list("person_id", "contact__decided_at").iterator(
        chunk_size=5000
    ):
        day = timezone.localdate(decided_at)
        if person_id not in found or day > found[person_id]:
            found[person_id] = day
    return found
