"""Undoing a merge: both records as they were, within the period, by an administrator, audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from frontdoor.models import Referral
from frontdoor.tests.factories import open_referral
from people import services
from people.models import (
    MergeRecord,
    NameKey,
    PersonDisability,
    PersonName,
    PersonRelationship,
    RecordRestriction,
    RecordStatus,
)
from people.tests.factories import make_person, restrict
from workforce.models import Allocation
from workforce.tests.factories import allocate


@pytest.fixture
def merged(social_worker, team_manager, make_user, team):
    """One child recorded twice, each record with the mother, a social worker and its own
    records; merged by the team manager (the mother collapses to one, one social worker ends)."""
    mother = make_person(
        social_worker, "Sarah", "Hughes", record_type="ADULT", date_of_birth=date(1990, 1, 5)
    )
    survivor = make_person(
        social_worker, "Amelia", "Hughes", date_of_birth=date(2015, 3, 27), disabilities=["NONE"]
    )
    duplicate = make_person(
        social_worker,
        "Amelia",
        "Hughs",
        date_of_birth=date(2015, 3, 27),
        nhs_number="9434765919",
        disabilities=["HAND"],
    )
    services.add_relationship(
        actor=social_worker, person_a=mother, person_b=survivor, type="PARENT", notes="Mother"
    )
    services.add_relationship(
        actor=social_worker, person_a=mother, person_b=duplicate, type="PARENT", parental_responsibility=True
    )
    other = make_user(Role.SOCIAL_WORKER, "other.worker")
    survivor_worker = allocate(team_manager, survivor, social_worker, team, date(2024, 1, 1))
    duplicate_worker = allocate(team_manager, duplicate, other, team, date(2024, 6, 1))
    referral = open_referral(team_manager, duplicate, date(2024, 5, 20))
    record = services.merge_people(
        actor=team_manager, survivor=survivor, duplicate=duplicate, reason="Same child"
    )
    return {
        "record": record,
        "mother": mother,
        "survivor": survivor,
        "duplicate": duplicate,
        "survivor_worker": survivor_worker,
        "duplicate_worker": duplicate_worker,
        "referral": referral,
    }


def _undo(actor, record, reason="Twins, not one child"):
    return services.undo_merge(actor=actor, record=record, reason=reason)


def test_the_merge_moved_and_collapsed_what_the_undo_puts_back(merged):
    survivor = merged["survivor"]
    assert Referral.objects.get(pk=merged["referral"].pk).person_id == survivor.pk
    assert PersonRelationship.objects.filter(person_b=survivor).count() == 1
    assert Allocation.objects.filter(person=survivor, end_date__isnull=True).count() == 1
    survivor.refresh_from_db()
    assert survivor.nhs_number == "9434765919"  # filled in from the duplicate


def test_undo_restores_both_records_as_they_were(admin_user, merged):
    survivor, duplicate, mother = merged["survivor"], merged["duplicate"], merged["mother"]

    _undo(admin_user, merged["record"])

    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.record_status == RecordStatus.ACTIVE and duplicate.merged_into is None
    assert survivor.nhs_number == "" and duplicate.nhs_number == "9434765919"
    assert Referral.objects.get(pk=merged["referral"].pk).person_id == duplicate.pk
    mine = PersonRelationship.objects.get(person_a=mother, person_b=survivor)
    theirs = PersonRelationship.objects.get(person_a=mother, person_b=duplicate)
    assert (mine.notes, mine.parental_responsibility) == ("Mother", False)
    assert (theirs.notes, theirs.parental_responsibility) == ("", True)
    open_workers = {a.person_id: a.pk for a in Allocation.objects.filter(end_date__isnull=True)}
    assert open_workers == {
        survivor.pk: merged["survivor_worker"].pk,
        duplicate.pk: merged["duplicate_worker"].pk,
    }
    assert set(PersonDisability.objects.filter(person=survivor).values_list("code", flat=True)) == {"NONE"}
    assert set(PersonDisability.objects.filter(person=duplicate).values_list("code", flat=True)) == {"HAND"}
    assert not PersonName.objects.filter(person=survivor).exists()  # the alias the merge added
    assert NameKey.objects.filter(person=duplicate).exists()  # found by search again
    record = MergeRecord.objects.get()
    assert record.undone_at is not None and record.undone_by == admin_user
    assert record.undo_reason == "Twins, not one child"


def test_undo_writes_the_audit_on_both_records(admin_user, merged):
    survivor, duplicate = merged["survivor"], merged["duplicate"]

    record = _undo(admin_user, merged["record"])

    events = AuditEvent.objects.filter(action=AuditAction.UNMERGE, object_id=str(record.pk))
    assert {e.person_id for e in events} == {survivor.pk, duplicate.pk}
    assert {e.actor_id for e in events} == {admin_user.pk}
    assert all(e.reason == "Twins, not one child" for e in events)
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE,
        object_id=str(merged["survivor_worker"].pk),
        summary__startswith="Allocation reopened",
    ).exists()


def test_undo_is_refused_after_the_period(admin_user, merged, settings):
    settings.HARBOUR_MERGE_UNDO_DAYS = 7
    record = merged["record"]
    MergeRecord.objects.filter(pk=record.pk).update(merged_at=record.merged_at - timedelta(days=8))

    with pytest.raises(ValidationError, match="can be undone only within 7 days"):
        _undo(admin_user, record)

    merged["duplicate"].refresh_from_db()
    assert merged["duplicate"].record_status == RecordStatus.MERGED


def test_undo_is_refused_to_anyone_but_an_administrator(team_manager, merged):
    with pytest.raises(PermissionDenied):
        _undo(team_manager, merged["record"])


def test_undo_needs_a_reason(admin_user, merged):
    with pytest.raises(ValidationError, match="Enter why the merge is being undone"):
        _undo(admin_user, merged["record"], reason=" ")


def test_undo_is_refused_when_a_detail_filled_in_by_the_merge_has_changed_since(
    admin_user, social_worker, merged
):
    survivor = merged["survivor"]
    survivor.refresh_from_db()
    services.update_person(
        actor=social_worker,
        person=survivor,
        data={"nhs_number": "4010232137"},
        expected_version=survivor.version,
    )

    with pytest.raises(
        ValidationError, match="The kept record's NHS number has been changed since the merge"
    ):
        _undo(admin_user, merged["record"])


def test_undo_is_refused_when_a_moved_record_has_gone_since(admin_user, merged):
    Referral.objects.filter(pk=merged["referral"].pk).update(person=merged["mother"])

    with pytest.raises(ValidationError, match="1 of the referrals that came from the merged record"):
        _undo(admin_user, merged["record"])


def test_undo_is_refused_when_the_child_has_a_new_social_worker_since(
    admin_user, team_manager, make_user, team, merged
):
    allocate(
        team_manager,
        merged["survivor"],
        make_user(Role.SOCIAL_WORKER, "third.worker"),
        team,
        date(2024, 9, 1),
    )

    with pytest.raises(ValidationError, match="social worker allocation has changed since the merge"):
        _undo(admin_user, merged["record"])

    assert Referral.objects.get(pk=merged["referral"].pk).person_id == merged["survivor"].pk  # rolled back


def test_records_can_be_merged_again_after_an_undo(admin_user, team_manager, merged):
    _undo(admin_user, merged["record"])

    again = services.merge_people(
        actor=team_manager,
        survivor=merged["survivor"],
        duplicate=merged["duplicate"],
        reason="Same child after all",
    )

    assert MergeRecord.objects.filter(duplicate=merged["duplicate"]).count() == 2
    assert again.undone_at is None


def test_the_merged_records_address_gives_an_administrator_the_undo_page(admin_user, client_for, merged):
    duplicate = merged["duplicate"]
    client = client_for(admin_user)

    response = client.get(reverse("people:detail", args=[duplicate.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("people:undo_merge", args=[duplicate.pk])
    assert "Undo the merge of" in response.content.decode()

    response = client.post(reverse("people:undo_merge", args=[duplicate.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Enter why you are undoing this merge" in response.content.decode()

    response = client.post(reverse("people:undo_merge", args=[duplicate.pk]), {"reason": "Twins"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.record_status == RecordStatus.ACTIVE


def test_the_undo_page_says_why_a_merge_cannot_be_undone(admin_user, client_for, merged, settings):
    settings.HARBOUR_MERGE_UNDO_DAYS = 0
    MergeRecord.objects.update(merged_at=merged["record"].merged_at - timedelta(days=1))

    response = client_for(admin_user).get(reverse("people:undo_merge", args=[merged["duplicate"].pk]))

    body = response.content.decode()
    assert "This merge cannot be undone" in body and "within 0 days" in body
    assert "Undo the merge</button>" not in body


def test_others_reaching_a_merged_record_go_to_the_kept_record(team_manager, client_for, merged):
    client = client_for(team_manager)

    response = client.get(reverse("people:detail", args=[merged["duplicate"].pk]))
    assert response.url == reverse("people:detail", args=[merged["survivor"].pk])
    assert client.get(reverse("people:undo_merge", args=[merged["duplicate"].pk])).status_code == 403


def test_the_kept_records_family_page_lists_the_merge_with_the_undo_for_an_administrator(
    admin_user, team_manager, client_for, merged
):
    survivor, duplicate = merged["survivor"], merged["duplicate"]
    undo_url = reverse("people:undo_merge", args=[duplicate.pk])

    as_admin = client_for(admin_user).get(reverse("people:family", args=[survivor.pk])).content.decode()
    assert "Records merged into this one" in as_admin and undo_url in as_admin

    as_manager = client_for(team_manager).get(reverse("people:family", args=[survivor.pk])).content.decode()
    assert duplicate.la_child_id in as_manager and undo_url not in as_manager


def test_undo_gives_back_a_restriction_and_a_relationship_between_the_two_records(
    admin_user, social_worker, team_manager
):
    survivor = make_person(social_worker, "Noah", "Price", date_of_birth=date(2019, 8, 2))
    twin = make_person(social_worker, "Noa", "Price", date_of_birth=date(2019, 8, 2))
    services.add_relationship(
        actor=social_worker, person_a=survivor, person_b=twin, type="SIBLING", lives_with=True
    )
    restriction = restrict(team_manager, twin)
    record = services.merge_people(actor=team_manager, survivor=survivor, duplicate=twin, reason="Same boy")
    assert not PersonRelationship.objects.exists()
    assert RecordRestriction.objects.get().person_id == survivor.pk

    _undo(admin_user, record)

    assert RecordRestriction.objects.get().pk == restriction.pk
    assert RecordRestriction.objects.get().person_id == twin.pk
    sibling = PersonRelationship.objects.get()
    assert (sibling.person_a_id, sibling.person_b_id, sibling.type, sibling.lives_with) == (
        survivor.pk,
        twin.pk,
        "SIBLING",
        True,
    )
