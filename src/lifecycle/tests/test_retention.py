"""Retention rules (hand-worked dates) and the two-person deletion workflow."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.services import verify_chain
from lifecycle import services
from lifecycle.models import DeletionRequest, DeletionStatus
from lifecycle.retention import add_years, keep_until, past_retention
from people.models import Person


def test_looked_after_child_is_kept_until_75th_birthday_when_cared_for():
    rule, until = keep_until(date(1950, 5, 1), None, ["other_child", "child_in_need", "looked_after"])
    assert rule.id == "looked_after" and until == date(2025, 5, 1)


def test_looked_after_child_who_died_young_is_kept_15_years_after_death_when_longer_rule_absent():
    rule, until = keep_until(date(2000, 1, 10), date(2005, 6, 30), ["looked_after"])
    assert until == date(2020, 6, 30)


def test_child_in_need_is_kept_until_26th_birthday_when_referred():
    rule, until = keep_until(date(1999, 2, 28), None, ["other_child", "child_in_need"])
    assert rule.id == "child_in_need" and until == date(2025, 2, 28)


def test_leap_day_birthday_moves_to_first_of_march_when_year_has_none():
    assert add_years(date(2004, 2, 29), 25) == date(2029, 3, 1)


@pytest.mark.django_db
def test_only_records_past_retention_are_listed_when_reviewing(old_child, child):
    due = past_retention(date(2026, 6, 1))
    assert [d.person_id for d in due] == [old_child.pk]
    assert due[0].rule.id == "other_child" and due[0].retain_until == date(2005, 1, 1)


@pytest.mark.django_db
def test_two_people_delete_a_record_and_audit_is_kept_when_approved(old_child, reviewer, approver):
    proposal = services.propose_deletion(actor=reviewer, person=old_child, reason="Annual review")
    person_id, ref = old_child.pk, old_child.la_child_id
    audit_before = AuditEvent.objects.filter(person_id=person_id).count()

    with pytest.raises(ValidationError):
        services.approve_deletion(actor=reviewer, request=proposal)  # not the same person
    services.approve_deletion(actor=approver, request=proposal, reason="Checked")

    proposal.refresh_from_db()
    assert proposal.status == DeletionStatus.DELETED and proposal.person_id is None
    assert proposal.deleted_rows["people.person"] == 1
    assert not Person.objects.filter(pk=person_id).exists()
    assert AuditEvent.objects.filter(person_id=person_id).count() > audit_before  # kept, plus the deletion
    assert AuditEvent.objects.filter(summary__startswith=f"Record {ref} deleted").exists()
    deletion = AuditEvent.objects.get(action=AuditAction.DELETE, person_id=person_id)
    assert deletion.actor_id == approver.pk and deletion.reason == "Checked"
    assert deletion.changes["deleted_rows"]["people.person"] == 1
    assert verify_chain().ok
    assert [h.event for h in proposal.status_history.order_by("id")] == [
        "propose",
        "approve",
        "record_deleted",
    ]


@pytest.mark.django_db
def test_record_not_past_retention_cannot_be_proposed_when_young(child, reviewer):
    with pytest.raises(ValidationError):
        services.propose_deletion(actor=reviewer, person=child)


@pytest.mark.django_db
def test_social_worker_cannot_propose_when_role_lacks_permission(old_child, social_worker):
    with pytest.raises(PermissionDenied):
        services.propose_deletion(actor=social_worker, person=old_child)


@pytest.mark.django_db
def test_rejection_needs_reason_and_keeps_record_when_rejected(old_child, reviewer, approver):
    proposal = services.propose_deletion(actor=reviewer, person=old_child)
    with pytest.raises(ValidationError):
        services.reject_deletion(actor=approver, request=proposal, reason=" ")

    services.reject_deletion(actor=approver, request=proposal, reason="Subject access request pending")

    assert DeletionRequest.objects.get().status == DeletionStatus.REJECTED
    assert Person.objects.filter(pk=old_child.pk).exists()


@pytest.mark.django_db
def test_review_pages_work_when_proposed_and_approved_through_views(client, old_child, reviewer, approver):
    client.force_login(reviewer)
    page = client.get(reverse("lifecycle:index")).content.decode()
    assert old_child.la_child_id in page and "Old" not in page.split("<main", 1)[1]  # no names listed
    response = client.post(reverse("lifecycle:propose", args=[old_child.pk]))
    proposal = DeletionRequest.objects.get()
    assert response.url == reverse("lifecycle:request", args=[proposal.pk])
    assert "someone else must approve" in client.get(response.url).content.decode()

    client.force_login(approver)
    bad = client.post(reverse("lifecycle:request", args=[proposal.pk]), {"reason": "x"})
    assert bad.status_code == 400
    person_id = old_child.pk
    ok = client.post(reverse("lifecycle:request", args=[proposal.pk]), {"decision": "approve"})

    assert ok.status_code == 302
    assert not Person.objects.filter(pk=person_id).exists()
    assert client.get(reverse("lifecycle:request", args=[proposal.pk])).status_code == 200  # no child to open


@pytest.mark.django_db
def test_every_service_says_the_childs_record_changed_when_it_commits(told, old_child, reviewer, approver):
    person_id = old_child.pk
    kept, proposed = told(lambda: services.propose_deletion(actor=reviewer, person=old_child))
    _, rejected = told(
        lambda: services.reject_deletion(actor=approver, request=kept, reason="Complaint open")
    )
    erase, again = told(lambda: services.propose_deletion(actor=reviewer, person=old_child))
    _, erased = told(lambda: services.approve_deletion(actor=approver, request=erase))
    assert proposed == rejected == again == erased == {person_id}
