"""The access door, `people.access.get_person_for`: one test per branch, each audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from core.models import Notification
from people import services
from people.access import (
    Purpose,
    RecordMerged,
    RestrictedRecord,
    break_glass,
    decide,
    get_person_for,
    visible_people,
)
from people.models import BreakGlassAccess
from people.tests.factories import make_person, restrict
from workforce import services as workforce
from workforce.models import AllocationRole
from workforce.tests.factories import allocate


def _events(person, user, action):
    return AuditEvent.objects.filter(person_id=person.pk, actor_id=user.pk, action=action)


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER, "partner.nurse", organisation="Harbourside NHS Trust")


@pytest.fixture
def named_worker(make_user):
    return make_user(Role.SOCIAL_WORKER, "named.worker")


@pytest.fixture
def restricted_child(child, team_manager, named_worker):
    restrict(team_manager, child, named_users=[named_worker])
    return child


@pytest.fixture
def make_child(social_worker):
    def make(given: str, family: str, **extra):
        return make_person(social_worker, given, family, **extra)

    return make


def test_get_person_for_returns_person_and_audits_view_when_role_allowed(social_worker, child):
    person = get_person_for(social_worker, child.pk, page="Person page")

    assert person == child
    event = _events(child, social_worker, AuditAction.VIEW).get()
    assert event.summary == "Person page"


def test_get_person_for_audits_purpose_when_not_plain_view(social_worker, child):
    get_person_for(social_worker, child.pk, purpose=Purpose.EDIT)

    assert _events(child, social_worker, AuditAction.VIEW).get().changes == {"purpose": "edit"}


def test_get_person_for_refuses_and_audits_when_role_lacks_permission(make_user, child):
    auditor = make_user(Role.AUDITOR)  # may view, but not edit

    with pytest.raises(PermissionDenied) as excinfo:
        get_person_for(auditor, child.pk, purpose=Purpose.EDIT)

    assert not isinstance(excinfo.value, RestrictedRecord)
    refused = _events(child, auditor, AuditAction.REFUSED).get()
    assert (refused.summary, refused.object_type, refused.object_id, refused.changes) == (
        "edit refused: role lacks people.edit_person",
        "",
        "",
        {},
    )
    assert not _events(child, auditor, AuditAction.VIEW).exists()


@pytest.mark.parametrize("bad_id", [999_999, "not-a-number", None])
def test_get_person_for_raises_404_when_id_unknown(social_worker, child, bad_id):
    with pytest.raises(Http404):
        get_person_for(social_worker, bad_id)


def test_get_person_for_raises_record_merged_with_survivor_when_record_merged(
    team_manager, child, make_child
):
    duplicate = make_child("Amelia", "Hughs")
    services.merge_people(actor=team_manager, survivor=child, duplicate=duplicate, reason="Same NHS number")

    with pytest.raises(RecordMerged) as excinfo:
        get_person_for(team_manager, duplicate.pk)

    assert excinfo.value.survivor_id == child.pk


def test_get_person_for_refuses_partner_when_not_allocated(partner, child):
    with pytest.raises(PermissionDenied):
        get_person_for(partner, child.pk)

    assert "not involved" in _events(child, partner, AuditAction.REFUSED).get().summary


def test_get_person_for_allows_partner_when_actively_allocated(partner, team_manager, team, child):
    allocate(team_manager, child, partner, team, timezone.localdate(), AllocationRole.PARTNER)

    assert get_person_for(partner, child.pk) == child
    assert _events(child, partner, AuditAction.VIEW).exists()


def test_get_person_for_refuses_partner_when_allocation_has_ended(partner, team_manager, team, child):
    today = timezone.localdate()
    allocation = allocate(
        team_manager, child, partner, team, today - timedelta(days=30), AllocationRole.PARTNER
    )
    workforce.end_allocation(
        actor=team_manager, allocation=allocation, end_date=today - timedelta(days=1), reason="CLOSED"
    )

    with pytest.raises(PermissionDenied):
        get_person_for(partner, child.pk)


def test_get_person_for_refuses_unnamed_worker_when_record_restricted(social_worker, restricted_child):
    with pytest.raises(RestrictedRecord) as excinfo:
        get_person_for(social_worker, restricted_child.pk)

    assert excinfo.value.can_break_glass is True
    assert excinfo.value.person == restricted_child
    refused = _events(restricted_child, social_worker, AuditAction.REFUSED).get()
    assert refused.summary == "view refused: restricted record"


def test_restricted_record_reports_no_break_glass_when_role_cannot_break_glass(make_user, restricted_child):
    early_help = make_user(Role.EARLY_HELP)

    with pytest.raises(RestrictedRecord) as excinfo:
        get_person_for(early_help, restricted_child.pk)

    assert excinfo.value.can_break_glass is False


def test_get_person_for_allows_named_user_when_record_restricted(named_worker, restricted_child):
    assert get_person_for(named_worker, restricted_child.pk) == restricted_child


def test_get_person_for_allows_manager_when_record_restricted(team_manager, restricted_child):
    assert get_person_for(team_manager, restricted_child.pk) == restricted_child


def test_get_person_for_refuses_again_when_restriction_lifted_is_reapplied(
    social_worker, team_manager, restricted_child
):
    services.lift_restriction(actor=team_manager, person=restricted_child, reason="No longer needed")
    assert get_person_for(social_worker, restricted_child.pk) == restricted_child

    restrict(team_manager, restricted_child, "HIGH_PROFILE")
    with pytest.raises(RestrictedRecord):
        get_person_for(social_worker, restricted_child.pk)


def test_break_glass_records_reason_audits_and_notifies_manager_then_lets_user_in(
    social_worker, team_manager, restricted_child
):
    reason = "Police at the door out of hours; need the safety plan"

    grant = break_glass(actor=social_worker, person_id=restricted_child.pk, reason=reason)

    assert grant.reason == reason
    assert grant.expires_at > timezone.now()
    assert BreakGlassAccess.objects.filter(person=restricted_child, user=social_worker).count() == 1
    event = _events(restricted_child, social_worker, AuditAction.BREAK_GLASS).get()
    assert event.reason == reason
    note = Notification.objects.get(recipient=team_manager)
    assert restricted_child.la_child_id in note.subject
    assert reason in note.body
    assert get_person_for(social_worker, restricted_child.pk) == restricted_child


def test_break_glass_stops_letting_user_in_when_grant_has_expired(social_worker, restricted_child):
    grant = break_glass(
        actor=social_worker, person_id=restricted_child.pk, reason="Urgent strategy discussion today"
    )
    BreakGlassAccess.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(RestrictedRecord):
        get_person_for(social_worker, restricted_child.pk)


@pytest.mark.parametrize("reason", ["", "   ", "need it", "  short   "])
def test_break_glass_refuses_when_reason_too_short(social_worker, team_manager, restricted_child, reason):
    with pytest.raises(ValueError, match="at least 10 characters"):
        break_glass(actor=social_worker, person_id=restricted_child.pk, reason=reason)

    assert not BreakGlassAccess.objects.exists()
    assert not Notification.objects.exists()
    assert not _events(restricted_child, social_worker, AuditAction.BREAK_GLASS).exists()


def test_break_glass_refuses_when_role_lacks_permission(make_user, restricted_child):
    early_help = make_user(Role.EARLY_HELP)

    with pytest.raises(PermissionDenied):
        break_glass(actor=early_help, person_id=restricted_child.pk, reason="I would like to have a look")

    assert not BreakGlassAccess.objects.exists()


def test_break_glass_refuses_when_record_not_restricted(social_worker, child):
    with pytest.raises(ValueError, match="not restricted"):
        break_glass(actor=social_worker, person_id=child.pk, reason="Checking the record in a hurry")


def test_get_person_for_allows_auditor_audit_purpose_when_record_restricted(auditor_user, restricted_child):
    assert get_person_for(auditor_user, restricted_child.pk, purpose=Purpose.AUDIT) == restricted_child
    event = _events(restricted_child, auditor_user, AuditAction.VIEW).get()
    assert event.changes == {"purpose": "audit"}


def test_get_person_for_refuses_auditor_view_purpose_when_record_restricted(auditor_user, restricted_child):
    with pytest.raises(RestrictedRecord):
        get_person_for(auditor_user, restricted_child.pk, purpose=Purpose.VIEW)


def test_get_person_for_refuses_audit_purpose_when_role_not_auditor(social_worker, child):
    with pytest.raises(PermissionDenied):
        get_person_for(social_worker, child.pk, purpose=Purpose.AUDIT)


def test_decide_refuses_when_user_inactive(social_worker, child):
    social_worker.is_active = False
    assert decide(social_worker, child, Purpose.VIEW).allowed is False


def test_visible_people_limited_to_involvement_when_partner(partner, team_manager, team, child, make_child):
    other = make_child("Noah", "Price")
    assert list(visible_people(partner)) == []

    allocate(team_manager, child, partner, team, timezone.localdate(), AllocationRole.PARTNER)

    assert list(visible_people(partner)) == [child]
    assert set(visible_people(team_manager)) == {child, other}
