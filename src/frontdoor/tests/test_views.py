from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from frontdoor import services
from frontdoor.models import Contact, ContactStatus, Referral
from frontdoor.tests.conftest import at
from frontdoor.tests.factories import open_referral, screened_at_level_3

pytestmark = pytest.mark.django_db


def _contact_post(**overrides):
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {
        "received_on-day": yesterday.day,
        "received_on-month": yesterday.month,
        "received_on-year": yesterday.year,
        "received_time": "18:30",
        "channel": "PHONE",
        "source": "6",
        "referrer_name": "PC Jones",
        "referrer_agency": "Police",
        "concern": "Domestic abuse incident at the family home.",
        "consent": "NOT_SOUGHT",
        "consent_notes": "Father is the alleged perpetrator.",
    }
    data.update(overrides)
    return data


def test_queue_lists_open_contacts_overdue_first(client_for, screener, make_contact):
    late = make_contact(received_at=at(2025, 3, 3))
    client = client_for(screener)
    response = client.get(reverse("frontdoor:queue"))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("frontdoor:contact", args=[late.pk]) in body and "Overdue" in body


def test_queue_refused_for_social_worker(client_for, social_worker):
    assert client_for(social_worker).get(reverse("frontdoor:queue")).status_code == 403


def test_record_contact_then_add_new_child_after_duplicate_check(client_for, screener, child):
    client = client_for(screener)
    response = client.post(reverse("frontdoor:record_contact"), _contact_post())
    contact = Contact.objects.get()
    assert response.status_code == 302 and response.url == reverse("frontdoor:add_child", args=[contact.pk])
    assert contact.out_of_hours

    search = client.post(
        reverse("frontdoor:add_child", args=[contact.pk]),
        {"action": "find", "given_name": "Amelia", "family_name": "Hughes"},
        follow=True,
    )
    assert child.la_child_id in search.content.decode()

    url = reverse("frontdoor:add_child", args=[contact.pk])
    new = {"action": "create", "new-given_name": "Amelia", "new-family_name": "Hughes", "new-sex": "F"}
    refused = client.post(url, new)
    assert refused.status_code == 400 and contact.child_links.count() == 0
    created = client.post(url, {**new, "new-confirm_new": "on"})
    assert created.status_code == 302 and contact.child_links.count() == 1
    added = client.post(url, {"action": "add", "person_id": child.pk})
    assert added.status_code == 302 and contact.child_links.count() == 2


def test_record_contact_keeps_typed_values_when_input_bad(client_for, screener):
    response = client_for(screener).post(
        reverse("frontdoor:record_contact"), _contact_post(received_time="25:99", consent_notes="")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a real time" in body and "Domestic abuse incident" in body
    assert not Contact.objects.exists()


def test_record_contact_from_person_page_links_child(client_for, screener, child):
    response = client_for(screener).post(
        reverse("frontdoor:record_contact_for_person", args=[child.pk]), _contact_post()
    )
    contact = Contact.objects.get()
    assert response.status_code == 302 and contact.child_links.get().person == child


def test_screen_confirm_and_referral_shown_on_child_page(
    client_for, screener, fd_manager, make_contact, child
):
    contact = make_contact(received_at=at(2025, 3, 3))
    screen = client_for(screener).post(
        reverse("frontdoor:screen", args=[contact.pk]),
        {"threshold_level": "4", "decision": "STRATEGY", "primary_need": "N1", "summary": "Immediate risk"},
    )
    assert screen.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.SCREENED

    manager = client_for(fd_manager)
    assert (
        manager.post(
            reverse("frontdoor:confirm", args=[contact.pk]), {"action": "confirm", "rationale": ""}
        ).status_code
        == 400
    )
    assert (
        manager.post(
            reverse("frontdoor:confirm", args=[contact.pk]),
            {"action": "confirm", "rationale": "Strategy today"},
        ).status_code
        == 302
    )
    assert Referral.objects.filter(person=child).exists()

    page = manager.get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Front door" in page and "Referrals (child in need episodes)" in page


def test_screen_shows_error_when_screener_not_registered(client_for, make_user, fd_team, make_contact):
    from accounts.permissions import Role

    user = make_user(Role.FRONT_DOOR, "fd.admin", team=fd_team, registered_social_worker=False)
    contact = make_contact()
    response = client_for(user).post(
        reverse("frontdoor:screen", args=[contact.pk]),
        {"threshold_level": "2", "decision": "EARLY_HELP", "summary": "Early help"},
    )
    assert response.status_code == 400 and "registered social worker" in response.content.decode()


def test_confirm_refused_for_front_door_screener(client_for, screener, make_contact):
    contact = make_contact()
    assert client_for(screener).get(reverse("frontdoor:confirm", args=[contact.pk])).status_code == 403


def test_return_for_more_work_through_the_page(client_for, screener, fd_manager, make_contact):
    contact = make_contact()
    services.screen_contact(
        actor=screener, contact=contact, threshold_level="2", decision="ADVICE", summary="Advice"
    )
    response = client_for(fd_manager).post(
        reverse("frontdoor:confirm", args=[contact.pk]), {"action": "return", "rationale": "Speak to the GP"}
    )
    contact.refresh_from_db()
    assert response.status_code == 302 and contact.status == ContactStatus.RECEIVED


def test_feedback_and_disagreement_pages(client_for, screener, fd_manager, make_contact):
    contact = make_contact()
    services.screen_contact(
        actor=screener, contact=contact, threshold_level="1", decision="NFA", summary="Universal"
    )
    services.confirm_decision(actor=fd_manager, contact=contact, rationale="Agreed")
    client = client_for(screener)
    today = timezone.localdate()
    day = {"-day": today.day, "-month": today.month, "-year": today.year}
    assert (
        client.post(
            reverse("frontdoor:feedback", args=[contact.pk]),
            {**{f"given_on{k}": v for k, v in day.items()}, "method": "EMAIL", "summary": "Told the school"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("frontdoor:raise_disagreement", args=[contact.pk]),
            {
                **{f"raised_on{k}": v for k, v in day.items()},
                "raised_by_name": "Ms Head",
                "agency": "School",
                "grounds": "Worried",
            },
        ).status_code
        == 302
    )
    row = contact.disagreements.get()
    manager = client_for(fd_manager)
    bad = manager.post(
        reverse("frontdoor:disagreement", args=[row.pk]), {"action": "resolve", "notes": "Met"}
    )
    assert bad.status_code == 400
    ok = manager.post(
        reverse("frontdoor:disagreement", args=[row.pk]),
        {
            "action": "resolve",
            "outcome": "UPHELD",
            "notes": "Met",
            **{f"resolved_on{k}": v for k, v in day.items()},
        },
    )
    row.refresh_from_db()
    assert ok.status_code == 302 and row.status == "RESOLVED"
    page = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert "Told the school" in page
    # The contact's history in plain words, from the history model's declared labels.
    assert "Contact received" in page and ": receive " not in page
    history = client.get(reverse("frontdoor:disagreement", args=[row.pk])).content.decode()
    assert "Disagreement raised" in history and "Disagreement resolved" in history


def test_close_referral_page(client_for, social_worker, fd_manager, child):
    referral = open_referral(fd_manager, child, date(2025, 1, 6))
    today = timezone.localdate()
    response = client_for(social_worker).post(
        reverse("frontdoor:close_referral", args=[referral.pk]),
        {
            "closure_date-day": today.day,
            "closure_date-month": today.month,
            "closure_date-year": today.year,
            "reason": "RC7",
        },
    )
    referral.refresh_from_db()
    assert response.status_code == 302 and referral.status == "CLOSED"


def test_contact_page_refused_when_child_restricted(client_for, screener, make_contact, child, team_manager):
    from people.models import RecordRestriction

    contact = make_contact()
    RecordRestriction.objects.create(
        person=child,
        manager=team_manager,
        reason=RecordRestriction._meta.get_field("reason").choices[0][0],
        active=True,
    )
    response = client_for(screener).get(reverse("frontdoor:contact", args=[contact.pk]))
    assert response.status_code in (403, 200) and "Hughes" not in response.content.decode()
    queue = client_for(screener).get(reverse("frontdoor:queue")).content.decode()
    assert reverse("frontdoor:contact", args=[contact.pk]) not in queue


def test_worklist_shows_undecided_contact_with_its_due_date(make_contact, child):
    from frontdoor import worklist

    contact = make_contact(received_at=at(2025, 5, 23, 16))
    (item,) = list(worklist.items([child.pk], date(2025, 5, 28)))
    assert (item.due, item.rule_id, item.is_overdue(date(2025, 5, 28))) == (
        date(2025, 5, 27),
        "referral_decision",
        True,
    )
    assert item.link == reverse("frontdoor:contact", args=[contact.pk])


def test_person_panel_flags_re_referral_within_12_months(client_for, fd_manager, child):
    first = open_referral(fd_manager, child, date(2024, 9, 2))
    services.close_referral(actor=fd_manager, referral=first, closure_date=date(2024, 11, 1), reason="RC8")
    open_referral(fd_manager, child, date(2025, 6, 2), "2A")
    page = client_for(fd_manager).get(reverse("people:work", args=[child.pk])).content.decode()
    assert page.count("Re-referral</strong>") == 1


@time_machine.travel(datetime(2025, 3, 4, 10, 0, tzinfo=UTC), tick=False)
def test_record_contact_shows_service_time_error_on_date_field_when_later_today(client_for, screener):
    response = client_for(screener).post(
        reverse("frontdoor:record_contact"),
        _contact_post(**{"received_on-day": 4, "received_on-month": 3, "received_on-year": 2025}),
    )
    body = response.content.decode()
    assert response.status_code == 400 and not Contact.objects.exists()
    assert 'href="#received_on-day"' in body and "must be in the past" in body
    assert "Domestic abuse incident" in body


def test_disagreement_page_shows_escalation_refusal_against_notes_when_at_last_stage(
    client_for, screener, fd_manager, make_contact
):
    from frontdoor.models import ESCALATION_STAGES, Disagreement

    contact = make_contact()
    services.screen_contact(
        actor=screener, contact=contact, threshold_level="1", decision="NFA", summary="Universal"
    )
    services.confirm_decision(actor=fd_manager, contact=contact, rationale="Agreed")
    row = services.raise_disagreement(
        actor=screener,
        contact=contact,
        raised_on=timezone.localdate(),
        raised_by_name="Ms Head",
        agency="School",
        grounds="Worried",
    )
    Disagreement.objects.filter(pk=row.pk).update(stage=max(ESCALATION_STAGES))
    response = client_for(fd_manager).post(
        reverse("frontdoor:disagreement", args=[row.pk]), {"action": "escalate", "notes": "Still worried"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_notes"' in body and "already at the last stage" in body and "Still worried" in body


def test_confirm_page_says_how_many_referrals_when_decision_confirmed(
    client_for, screener, fd_manager, make_contact
):
    contact = make_contact()
    screened_at_level_3(contact, screener)
    response = client_for(fd_manager).post(
        reverse("frontdoor:confirm", args=[contact.pk]),
        {"action": "confirm", "rationale": "Agreed"},
        follow=True,
    )
    assert "Decision confirmed: 1 referral opened or linked" in response.content.decode()


def test_screening_a_universal_level_as_a_referral_asks_why_and_keeps_the_answers(
    client_for, screener, make_contact
):
    contact = make_contact()
    url = reverse("frontdoor:screen", args=[contact.pk])
    answers = {
        "threshold_level": "1",
        "decision": "ASSESSMENT",
        "primary_need": "N1",
        "summary": "Typed summary",
    }

    refused = client_for(screener).post(url, answers)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert 'href="#id_threshold_reason"' in body and "Enter why the decision is right for a child at" in body
    assert "Typed summary" in body
    contact.refresh_from_db()
    assert contact.status == ContactStatus.RECEIVED

    reason = "Parent disclosed a new injury after the level was set."
    accepted = client_for(screener).post(url, {**answers, "threshold_reason": reason})
    assert accepted.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.SCREENED and contact.threshold_reason == reason


def test_contact_with_no_child_linked_is_audited_when_viewed_and_changed(client_for, screener, make_contact):
    from audit.models import AuditAction, AuditEvent

    contact = make_contact(children=[])
    client = client_for(screener)
    opened = AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=screener, object_type="frontdoor.Contact", object_id=str(contact.pk)
    )

    assert client.get(reverse("frontdoor:contact", args=[contact.pk])).status_code == 200
    assert [e.summary for e in opened] == ["Contact"]

    assert client.get(reverse("frontdoor:add_child", args=[contact.pk])).status_code == 200
    latest = opened.order_by("-id").first()
    assert latest is not None and latest.summary == "Add a child to a contact"
    assert latest.changes == {"purpose": "edit"} and latest.person_id is None


def test_contact_with_a_child_linked_is_audited_once_in_the_childs_record_naming_the_contact(
    client_for, screener, make_contact, child
):
    from audit.models import AuditAction, AuditEvent

    contact = make_contact()
    client_for(screener).get(reverse("frontdoor:contact", args=[contact.pk]))

    viewed = AuditEvent.objects.filter(action=AuditAction.VIEW, actor=screener)
    assert [(e.person_id, e.object_type, e.object_id) for e in viewed] == [
        (child.pk, "frontdoor.Contact", str(contact.pk))
    ]
