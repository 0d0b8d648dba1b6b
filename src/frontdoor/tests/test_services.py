from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.permissions import Role
from core.models import Notification
from core.workflow import TransitionRefused
from frontdoor import services
from frontdoor.models import (
    ContactStatus,
    ContactStatusChange,
    DisagreementStatus,
    Referral,
    ReferralStatus,
)
from frontdoor.tests.conftest import at
from frontdoor.tests.factories import open_referral, screened_at_level_3
from people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_record_contact_sets_due_date_and_out_of_hours_when_received_saturday(make_contact, child):
    contact = make_contact(received_at=at(2025, 5, 24, 2, 15))  # Sat of spring bank holiday weekend

    assert contact.out_of_hours
    assert contact.decision_due == date(2025, 5, 27)
    assert contact.status == ContactStatus.RECEIVED
    assert list(contact.child_links.values_list("person_id", flat=True)) == [child.pk]
    assert ContactStatusChange.objects.filter(contact=contact, event="receive").exists()


def test_record_contact_refused_when_role_lacks_permission(make_contact, social_worker):
    with pytest.raises(PermissionDenied):
        make_contact(actor=social_worker)


def test_record_contact_rejects_future_time_and_missing_consent_reason(make_contact):
    with pytest.raises(ValidationError) as exc:
        make_contact(received_at=timezone.now() + timedelta(hours=1), consent="NOT_SOUGHT")
    assert {"received_at", "consent_notes"} <= set(exc.value.error_dict)


def test_third_contact_in_30_days_flags_child_and_notifies_front_door_manager(make_contact, fd_manager):
    make_contact(received_at=at(2025, 3, 1))
    second = make_contact(received_at=at(2025, 3, 10))
    third = make_contact(received_at=at(2025, 3, 30))

    assert not second.child_links.get().frequent_contacts
    assert third.child_links.get().frequent_contacts
    assert Notification.objects.filter(recipient=fd_manager, subject__icontains="three or more").count() == 1


def test_contact_for_several_children_of_a_family(make_contact, screener, child):
    sibling = make_person(screener, "Noah", "Hughes", date_of_birth=date(2018, 1, 2))
    contact = make_contact(children=[child, sibling])
    assert contact.child_links.count() == 2


def test_create_child_for_contact_creates_record_and_links_it(make_contact, screener):
    contact = make_contact(children=[])
    person = services.create_child_for_contact(
        actor=screener, contact=contact, data={"given_name": "Zara", "family_name": "Okafor", "sex": "F"}
    )
    assert person.la_child_id and contact.child_links.get().person == person


def test_screen_then_confirm_opens_referral_for_each_child(make_contact, screener, fd_manager, child):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    assert contact.status == ContactStatus.SCREENED

    referrals = services.confirm_decision(
        actor=fd_manager,
        contact=contact,
        rationale="Agreed.",
        decided_at=contact.received_at + timedelta(hours=5),
    )

    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED
    assert len(referrals) == 1
    referral = referrals[0]
    assert (referral.person, referral.referral_date, referral.source, referral.primary_need) == (
        child,
        date(2025, 3, 3),
        "2A",
        "N1",
    )
    assert referral.contact == contact and contact.child_links.get().referral == referral
    assert [h.event for h in contact.status_history.all()] == ["receive", "screen", "confirm"]


def test_confirm_links_existing_open_referral_instead_of_opening_another(make_contact, screener, fd_manager):
    first = make_contact(received_at=at(2025, 3, 3))
    screened_at_level_3(first, screener)
    services.confirm_decision(actor=fd_manager, contact=first, rationale="Agreed.")
    second = make_contact(received_at=at(2025, 3, 20))
    screened_at_level_3(second, screener)
    referrals = services.confirm_decision(actor=fd_manager, contact=second, rationale="Open case.")
    assert Referral.objects.count() == 1 and referrals[0].contact == first


def test_screening_refused_when_screener_not_registered_social_worker(make_contact, make_user, fd_team):
    unqualified = make_user(Role.FRONT_DOOR, "fd.support", team=fd_team, registered_social_worker=False)
    contact = make_contact()
    with pytest.raises(PermissionDenied):
        screened_at_level_3(contact, unqualified)


def test_screening_needs_primary_need_when_decision_is_referral(make_contact, screener):
    with pytest.raises(ValidationError) as exc:
        screened_at_level_3(make_contact(), screener, need="")
    assert "primary_need" in exc.value.error_dict


def test_screening_refused_when_contact_has_no_child(make_contact, screener):
    with pytest.raises(ValidationError):
        screened_at_level_3(make_contact(children=[]), screener)


def test_confirm_refused_for_front_door_screener(make_contact, screener):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    with pytest.raises(PermissionDenied):
        services.confirm_decision(actor=screener, contact=contact, rationale="Agreed")


def test_confirm_refused_when_not_yet_screened(make_contact, fd_manager):
    with pytest.raises(TransitionRefused):
        services.confirm_decision(actor=fd_manager, contact=make_contact(), rationale="Agreed")


def test_return_for_more_work_puts_contact_back_for_screening(make_contact, screener, fd_manager):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    services.return_for_more_work(actor=fd_manager, contact=contact, reason="Check with health visitor")
    assert contact.status == ContactStatus.RECEIVED
    screened_at_level_3(contact, screener, decision="EARLY_HELP", need="")
    services.confirm_decision(actor=fd_manager, contact=contact, rationale="Early help")
    assert not Referral.objects.exists()


def test_close_referral_records_reason_and_history(make_contact, screener, fd_manager, social_worker):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    referral = services.confirm_decision(actor=fd_manager, contact=contact, rationale="Agreed.")[0]

    services.close_referral(
        actor=social_worker, referral=referral, closure_date=date(2025, 4, 1), reason="RC8"
    )

    referral.refresh_from_db()
    assert (referral.status, referral.closure_reason, referral.closure_date) == (
        ReferralStatus.CLOSED,
        "RC8",
        date(2025, 4, 1),
    )
    assert [h.event for h in referral.status_history.all()] == ["open", "close"]
    with pytest.raises(TransitionRefused):
        services.close_referral(
            actor=social_worker, referral=referral, closure_date=date(2025, 4, 2), reason="RC8"
        )


def test_close_referral_rejects_date_before_referral_and_bad_reason(make_contact, screener, fd_manager):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    referral = services.confirm_decision(actor=fd_manager, contact=contact, rationale="Agreed.")[0]
    with pytest.raises(ValidationError) as exc:
        services.close_referral(
            actor=fd_manager, referral=referral, closure_date=date(2025, 1, 1), reason="XX"
        )
    assert {"closure_date", "reason"} <= set(exc.value.error_dict)


def test_close_referral_refused_for_front_door_screener(make_contact, screener, fd_manager):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    referral = services.confirm_decision(actor=fd_manager, contact=contact, rationale="Agreed.")[0]
    with pytest.raises(PermissionDenied):
        services.close_referral(
            actor=screener, referral=referral, closure_date=date(2025, 4, 1), reason="RC8"
        )


def test_open_referral_refused_when_child_already_has_open_referral(child, fd_manager):
    open_referral(fd_manager, child, date(2025, 1, 1))
    with pytest.raises(ValidationError):
        open_referral(fd_manager, child, date(2025, 1, 1))


def test_feedback_recorded_and_rejected_before_contact(make_contact, screener):
    contact = make_contact()
    services.record_feedback(
        actor=screener, contact=contact, given_on=date(2025, 3, 4), method="PHONE", summary="Told"
    )
    assert contact.feedback.count() == 1
    with pytest.raises(ValidationError):
        services.record_feedback(
            actor=screener, contact=contact, given_on=date(2025, 3, 1), method="PHONE", summary="x"
        )


def test_disagreement_escalated_through_stages_then_resolved(make_contact, screener, fd_manager):
    contact = make_contact()
    screened_at_level_3(contact, screener, decision="NFA", need="")
    services.confirm_decision(actor=fd_manager, contact=contact, rationale="No role for social care.")
    row = services.raise_disagreement(
        actor=screener,
        contact=contact,
        raised_on=date(2025, 3, 5),
        raised_by_name="Ms Head",
        agency="School",
        grounds="x",
    )
    with pytest.raises(PermissionDenied):
        services.escalate_disagreement(actor=screener, disagreement=row, reason="Still worried")
    services.escalate_disagreement(
        actor=fd_manager, disagreement=row, reason="Still worried", escalated_on=date(2025, 3, 6)
    )
    services.escalate_disagreement(
        actor=fd_manager, disagreement=row, reason="Still worried", escalated_on=date(2025, 3, 7)
    )
    assert (row.stage, row.status) == (3, DisagreementStatus.ESCALATED)
    with pytest.raises(ValidationError):
        services.escalate_disagreement(actor=fd_manager, disagreement=row, reason="Again")
    services.resolve_disagreement(
        actor=fd_manager,
        disagreement=row,
        outcome="CHANGED",
        notes="Assessment agreed",
        resolved_on=date(2025, 3, 10),
    )
    assert row.status == DisagreementStatus.RESOLVED
    assert [h.event for h in row.status_history.all()] == ["raise", "escalate", "escalate", "resolve"]


def test_disagreement_refused_before_decision(make_contact, screener):
    with pytest.raises(ValidationError):
        services.raise_disagreement(
            actor=screener,
            contact=make_contact(),
            raised_on=date(2025, 3, 5),
            raised_by_name="A",
            agency="B",
            grounds="C",
        )


def test_open_referral_refused_when_it_would_overlap_an_earlier_episode(child, fd_manager, social_worker):
    # CIN census rules 8816 and 8820: a child's episodes never overlap.
    first = open_referral(fd_manager, child, date(2025, 4, 1), primary_need="N1")
    services.close_referral(
        actor=fd_manager, referral=first, closure_date=date(2025, 4, 20), reason="RC7", nfa=True
    )
    with pytest.raises(ValidationError) as exc:
        open_referral(fd_manager, child, date(2025, 4, 10))
    assert "cannot overlap" in exc.value.message_dict["referral_date"][0]
    later = open_referral(fd_manager, child, date(2025, 4, 21))
    assert later.referral_date == date(2025, 4, 21)


@pytest.mark.parametrize(
    ("level", "decision", "fits"),
    [
        ("1", "ASSESSMENT", False),
        ("2", "STRATEGY", False),
        ("3", "STRATEGY", False),
        ("4", "NFA", False),
        ("1", "NFA", True),
        ("2", "EARLY_HELP", True),
        ("3", "ASSESSMENT", True),
        ("4", "ASSESSMENT", True),
        ("4", "STRATEGY", True),
    ],
)
def test_a_decision_fits_the_threshold_level_or_says_why(level, decision, fits):
    from frontdoor.rules import decision_fits_threshold

    assert decision_fits_threshold(level, decision) is fits


def test_screening_refuses_a_referral_at_the_universal_level_without_a_reason(make_contact, screener):
    contact = make_contact()
    screen = dict(
        actor=screener,
        contact=contact,
        threshold_level="1",
        decision="ASSESSMENT",
        primary_need="N1",
        summary="Needs an assessment.",
        screened_at=contact.received_at + timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as refused:
        services.screen_contact(**screen)
    assert "threshold_reason" in refused.value.message_dict
    contact.refresh_from_db()
    assert contact.status == ContactStatus.RECEIVED and contact.threshold_level == ""

    services.screen_contact(**screen, threshold_reason="A new disclosure since the level was set.")
    contact.refresh_from_db()
    assert contact.threshold_reason == "A new disclosure since the level was set."
