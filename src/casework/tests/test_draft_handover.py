"""A leaver's draft case notes are handed to a worker who is still here: by a manager of the
leaver's team, audited, kept as history, and the worker told; never while the author works
here, and never to a worker who cannot open the child's record."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from casework import services
from casework.access import may_edit_note
from casework.models import CaseNote, CaseNoteStatus, DraftHandover
from casework.queries import drafts_left
from core.models import Notification
from people.tests.factories import restrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(make_user):
    return make_user(Role.SOCIAL_WORKER, "leaving.worker", first_name="Lee", last_name="Vane")


@pytest.fixture
def colleague(make_user):
    return make_user(Role.SOCIAL_WORKER, "staying.worker", first_name="Sam", last_name="Stay")


@pytest.fixture
def draft(leaver, child):
    note = services.start_case_note(
        actor=leaver,
        person=child,
        data={"kind": "VISIT", "occurred_on": date(2025, 3, 3), "body": "Half done"},
    )
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    return note


def test_manager_hands_a_leavers_draft_to_a_colleague_who_then_finishes_it(
    team_manager, leaver, colleague, draft, told
):
    assert not may_edit_note(colleague, draft)

    (handed,), people = told(
        lambda: services.hand_over_drafts(
            actor=team_manager, departed=leaver, to=colleague, reason="Sam has the case"
        )
    )

    draft.refresh_from_db()
    assert handed.pk == draft.pk and draft.author == colleague and people == {draft.person_id}
    assert may_edit_note(colleague, draft)
    history = DraftHandover.objects.get(case_note=draft)
    assert (history.from_worker, history.to_worker, history.handed_by) == (leaver, colleague, team_manager)
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_type="casework.CaseNote", object_id=str(draft.pk)
    )
    assert event.actor == team_manager and event.changes == {"author": [leaver.pk, colleague.pk]}
    assert event.reason == "Sam has the case" and event.person_id == draft.person_id
    assert Notification.objects.get(recipient=colleague).subject == "1 draft case note handed to you"
    services.finalise_case_note(
        actor=colleague, note=draft, expected_version=draft.version, data={"body": "Done"}
    )
    assert CaseNote.objects.get(pk=draft.pk).status == CaseNoteStatus.FINAL


def test_drafts_of_a_worker_still_here_are_not_handed_over(team_manager, leaver, colleague, draft):
    leaver.is_active = True
    leaver.save(update_fields=["is_active"])

    with pytest.raises(ValidationError) as refused:
        services.hand_over_drafts(actor=team_manager, departed=leaver, to=colleague, reason="Why not")

    assert "still works here" in str(refused.value)
    assert CaseNote.objects.get(pk=draft.pk).author == leaver


def test_drafts_are_not_handed_to_a_worker_who_cannot_open_the_childs_record(
    team_manager, make_user, leaver, colleague, draft, child
):
    restrict(team_manager, child)

    with pytest.raises(ValidationError) as refused:
        services.hand_over_drafts(
            actor=team_manager, departed=leaver, to=colleague, reason="Sam has the case"
        )

    assert child.la_child_id in str(refused.value) and not DraftHandover.objects.exists()


def test_only_a_manager_of_the_leavers_team_hands_over(make_user, leaver, colleague, draft, social_worker):
    other_team = Team.objects.create(name="Other Team", kind=TeamKind.ASSESSMENT)
    stranger = make_user(Role.TEAM_MANAGER, "other.manager", team=other_team)
    other_team.manager = stranger
    other_team.save()

    with pytest.raises(PermissionDenied):
        services.hand_over_drafts(actor=stranger, departed=leaver, to=colleague, reason="Not my team")
    with pytest.raises(PermissionDenied):
        services.hand_over_drafts(actor=social_worker, departed=leaver, to=colleague, reason="Not a manager")
    assert drafts_left(stranger) == []


def test_manager_sees_drafts_left_by_leavers_and_hands_them_over_from_the_page(
    client_for, team_manager, leaver, colleague, draft, child
):
    client = client_for(team_manager)

    listing = client.get(reverse("casework:drafts_left")).content.decode()
    assert "Lee Vane" in listing and child.la_child_id in listing and "Amelia" not in listing
    url = reverse("casework:hand_over", args=[leaver.pk])
    assert "Sam Stay" in client.get(url).content.decode()

    missing = client.post(url, {"to": str(colleague.pk), "reason": ""})
    assert missing.status_code == 400 and "Enter why" in missing.content.decode()
    done = client.post(url, {"to": str(colleague.pk), "reason": "Sam has the case"})

    assert done.status_code == 302 and done.url == reverse("casework:drafts_left")
    assert CaseNote.objects.get(pk=draft.pk).author == colleague
    assert "No leaver in your teams" in client.get(reverse("casework:drafts_left")).content.decode()
    detail = client_for(colleague).get(reverse("casework:note_detail", args=[draft.pk])).content.decode()
    assert "from Lee Vane, who had left, to Sam Stay" in detail and "Continue editing this draft" in detail


def test_drafts_left_page_is_for_managers_only(client_for, social_worker):
    assert client_for(social_worker).get(reverse("casework:drafts_left")).status_code == 403
