"""Every piece of open work has an owner who sees it, or waits on an unallocated list.

On a small generated borough, every open item of every kind (a contact awaiting the front
door, an open referral, an assessment, a section 47 enquiry, a plan, a review, a visit due, a
period of care, a missing episode, each clock on "My work") must be on some list: the My
work of a worker allocated to the child (any role, whose permissions let them act on it) or
holding them without an allocation (an early help episode's worker), the
front door's queue for contacts, or the unallocated list the team page shows. The test fails
naming each orphan.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from assessments.models import Assessment, AssessmentStatus
from cin.models import CINPlan
from core.worklist import WorkItem, children_held_by, visible_to, work_items
from frontdoor.models import Decision, Referral, ReferralStatus
from frontdoor.queries import front_door_queue
from frontdoor.services import confirm_decision, record_contact, screen_contact
from looked_after.models import MissingEpisode, PeriodOfCare
from people.models import Person
from people.tests.factories import make_person
from protection.models import CPPlan, S47Enquiry
from workforce.models import Allocation
from workforce.queries import unallocated_children

AS_OF = date(2026, 1, 15)


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_demo_data", "--children", "60", "--seed", "7", "--as-of", AS_OF.isoformat())
        _referred_new_child()
        yield
        transaction.set_rollback(True)


def _referred_new_child() -> Person:
    """The front door confirms a referral for assessment for a child new to Harbour: an open
    referral with no worker and no assessment yet."""
    screener = User.objects.filter(role=Role.FRONT_DOOR.value, registered_social_worker=True).first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER.value, is_active=True).first()
    assert screener and manager
    child = make_person(screener, "Zara", "Okafor", date_of_birth=date(2018, 6, 1), sex="F", ethnicity="BAFR")
    morning = timezone.make_aware(datetime.combine(AS_OF, time(9)))
    contact = record_contact(
        actor=screener,
        received_at=morning,
        channel="PHONE",
        source="2A",
        concern="Zara came to school with a burn on her hand and would not say how.",
        consent="GIVEN",
        children=[child],
    )
    screen_contact(
        actor=screener,
        contact=contact,
        threshold_level="4",
        decision=Decision.ASSESSMENT,
        summary="Unexplained injury: assessment needed.",
        primary_need="N1",
        screened_at=morning + timedelta(hours=1),
    )
    confirm_decision(
        actor=manager, contact=contact, rationale="Agreed.", decided_at=morning + timedelta(hours=2)
    )
    return child


def _owners() -> dict[int, list[User]]:
    owners: dict[int, list[User]] = defaultdict(list)
    for allocation in (
        Allocation.objects.current(AS_OF)
        .filter(worker__is_active=True, person__record_status="ACTIVE")
        .select_related("worker")
    ):
        owners[allocation.person_id].append(allocation.worker)
    # And those who hold a child without an allocation (an open early help episode's worker).
    for user in User.objects.filter(is_active=True):
        for person_id in children_held_by(user, AS_OF):
            owners[person_id].append(user)
    return owners


def _open_records() -> list[tuple[str, int]]:
    """Open records of each stage, as (what, child id)."""
    kinds = {
        "open referral": Referral.objects.filter(status=ReferralStatus.OPEN),
        "assessment not authorised": Assessment.objects.exclude(status=AssessmentStatus.AUTHORISED),
        "section 47 enquiry without an outcome": S47Enquiry.objects.filter(outcome=""),
        "child protection plan": CPPlan.objects.current(),
        "child in need plan": CINPlan.objects.current(),
        "period of care": PeriodOfCare.objects.filter(end_date__isnull=True),
        "missing episode": MissingEpisode.objects.filter(ended_at__isnull=True),
    }
    return [
        (f"{what} {pk}", person_id)
        for what, rows in kinds.items()
        for pk, person_id in rows.values_list("pk", "person_id")
    ]


@pytest.mark.django_db
def test_every_open_item_is_on_an_owners_list_or_an_unallocated_list(borough):
    children = list(Person.objects.filter(record_status="ACTIVE").values_list("pk", flat=True))
    owners = _owners()
    unallocated = unallocated_children(AS_OF)
    screener = User.objects.filter(is_active=True, role=Role.FRONT_DOOR.value).first()
    queue = front_door_queue(screener, AS_OF)
    on_queue = {
        child.pk for row in [*queue.awaiting_screening, *queue.awaiting_manager] for child in row.children
    }

    def seen_item(item: WorkItem) -> bool:
        if item.kind == "frontdoor":
            return item.person_id in on_queue
        if item.person_id in unallocated:
            return True
        return any(visible_to(worker, [item]) for worker in owners.get(item.person_id, []))

    items = work_items(children, AS_OF)
    records = _open_records()
    orphans = [f"{item.title} (child {item.person_id})" for item in items if not seen_item(item)]
    orphans += [
        f"{what} (child {person_id})"
        for what, person_id in records
        if person_id not in unallocated and not owners.get(person_id)
    ]
    assert len(items) > 50 and len(records) > 20  # the borough has work of every kind to check
    assert {item.kind for item in items} >= {"frontdoor", "assessment", "cp_visit", "Children in care"}
    assert orphans == [], "Open work on no one's list:\n" + "\n".join(orphans)
    new_child = Person.objects.get(given_name="Zara", family_name="Okafor")
    assert new_child.pk in unallocated and not owners.get(new_child.pk)
