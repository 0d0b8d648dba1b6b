"""Generated child protection documents: the conference's record of decisions and the plan in
plain words for the parents and for the child, made from the recorded data."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from casework import services as casework
from casework.models import Document
from casework.tests.pdf import body_font_sizes, pdf_text
from protection import services
from protection.tests.factories import initial_conference, make_referral, review_conference, start_s47

WORRIES = "Unexplained bruising on both arms"
GOALS = "Amelia is cared for safely at home"
ACTION = {
    "what": "Attend the Triple P parenting course",
    "who_person": "Sarah Hughes",
    "who_agency": "Family Centre",
    "by_when": date(2026, 3, 2),
    "serves": "Home conditions",
}


@pytest.fixture
def chair(make_user):
    return make_user(Role.CP_CHAIR, "cp.chair", first_name="Chidi", last_name="Okoro")


@pytest.fixture
def referral(child, social_worker):
    return make_referral(child, social_worker, date(2025, 12, 1))


@pytest.fixture
def initial(referral, social_worker, chair):
    conference = initial_conference(
        referral,
        chair,
        start_s47(referral, social_worker),
        attendees="Sarah Hughes (mother), PC Dean Walsh, Nurse Priya Shah",
        child_views="I want to stay with mum",
    )
    plan = conference.plan
    services.update_plan(actor=social_worker, plan=plan, worries=WORRIES, goals=GOALS)
    services.add_action(actor=social_worker, plan=plan, data=ACTION)
    services.sign_off_plan(actor=chair, plan=plan, on=date(2026, 1, 5))
    return conference


def _generate(actor, child, key: str, object_id: int) -> Document:  # type: ignore[no-untyped-def]
    """`actor` files the document made by generator `key` for `object_id` on the child's record."""
    return casework.generate_document(actor=actor, person=child, generator_key=key, object_id=object_id)


def _text(document: Document) -> str:
    document.file.open("rb")
    return pdf_text(document.file.read())


def test_initial_conference_record_holds_recorded_decision_attendance_and_next_review(
    initial, child, social_worker
):
    document = _generate(social_worker, child, "protection.conference_record", initial.pk)
    text = _text(document)
    for value in (
        "Initial child protection conference",
        "5 January 2026",
        "Chidi Okoro",
        "PC Dean Walsh",
        "Police, Health (including health visitor or school nurse)",
        "Agencies that sent a report: GP",
        "Child physically attends and speaks for themselves",
        "I want to stay with mum",
        "Decision: Child protection plan",
        "Category of abuse: Physical abuse",
        WORRIES,
        GOALS,
        "Attend the Triple P parenting course",
        "Sarah Hughes – Family Centre",
        "2 March 2026",
        f"Next review conference by: {initial.plan.first_review_due.day} "
        f"{initial.plan.first_review_due:%B %Y}",
    ):
        assert value in text, value
    assert "PHY" not in text
    assert document.doc_type == "MINUTES" and document.generator == "protection.conference_record"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, person_id=child.pk, summary__contains="record of decisions"
    ).exists()


def test_review_conference_record_shows_progress_and_six_month_review(initial, child, social_worker, chair):
    plan = initial.plan
    [action] = plan.actions.all()
    review = review_conference(
        chair, plan, progress={action.pk: ("IN_PROGRESS", "Four of eight sessions attended")}
    )
    document = _generate(social_worker, child, "protection.conference_record", review.pk)
    text = _text(document)
    assert "Review child protection conference" in text and "Decision: Continue the plan" in text
    assert "In progress: Four of eight sessions attended" in text
    assert "Next review conference by: 30 September 2026" in text  # 31 March + 6 months


def test_plan_for_parents_is_large_plain_and_carries_the_plan(initial, child, social_worker):
    document = _generate(social_worker, child, "protection.plan_for_parents", initial.plan_id)
    data = document.file.open("rb").read()
    text = pdf_text(data)
    for value in (
        "Amelia's plan",
        "made at a meeting on 5 January 2026",
        WORRIES,
        GOALS,
        "Attend the Triple P parenting course",
        "Sarah Hughes from Family Centre",
        "2 March 2026",
    ):
        assert value in text, value
    for jargon in ("PHY", "Physical abuse", "PN1", "s47", "ICPC"):
        assert jargon not in text, jargon
    assert 14.0 in body_font_sizes(data)
    assert document.doc_type == "PLAN"


def test_plan_for_child_is_written_to_the_child(initial, child, social_worker):
    document = _generate(social_worker, child, "protection.plan_for_child", initial.plan_id)
    text = _text(document)
    assert "Amelia, this is your plan" in text and WORRIES in text
    assert "Sarah Hughes from Family Centre will: Attend the Triple P parenting course" in text
    assert "PHY" not in text and document.doc_type == "CHILD"


def test_generating_refused_when_role_cannot_manage_documents(initial, child, auditor_user):
    with pytest.raises(PermissionDenied):
        _generate(auditor_user, child, "protection.conference_record", initial.pk)
    assert not Document.objects.filter(person=child).exists()


def test_plan_page_offers_documents_and_files_the_pdf_when_pressed(client_for, initial, child, social_worker):
    client = client_for(social_worker)
    page = client.get(reverse("protection:plan", args=[initial.plan_id]))
    choice = f"protection.plan_for_parents|{initial.plan_id}"
    assert choice.encode() in page.content
    assert f"protection.conference_record|{initial.pk}".encode() in page.content
    response = client.post(reverse("casework:generate_document", args=[child.pk]), {"choice": choice})
    assert response.status_code == 302
    document = Document.objects.get(person=child, generator="protection.plan_for_parents")
    assert response["Location"] == reverse("casework:document_detail", args=[document.pk])
    listing = client.get(reverse("casework:documents", args=[child.pk]))
    assert reverse("casework:document_detail", args=[document.pk]).encode() in listing.content
    assert b"for the family" in listing.content


def test_plan_page_hides_document_buttons_when_role_cannot_manage_documents(
    client_for, initial, child, auditor_user
):
    page = client_for(auditor_user).get(reverse("protection:plan", args=[initial.plan_id]))
    assert page.status_code == 200
    assert b"protection.plan_for_parents|" not in page.content
    response = client_for(auditor_user).post(
        reverse("casework:generate_document", args=[child.pk]),
        {"choice": f"protection.plan_for_parents|{initial.plan_id}"},
    )
    assert response.status_code == 403
