"""The looked-after review record, generated from the review as the IRO recorded it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from casework import services as casework
from casework.models import Document
from casework.tests.pdf import pdf_text
from looked_after.services import ActionDetails

from .factories import hold_review


@pytest.fixture
def review(in_care, iro):
    return hold_review(
        iro,
        in_care,
        child_views="I want to see my brother every week",
        decisions="Placement with Mr and Mrs Okafor to continue; sibling contact to increase",
        actions=[ActionDetails("Social worker", "Arrange weekly sibling contact", date(2024, 5, 1))],
    )


def test_review_record_holds_participation_views_decisions_actions_and_next_review(
    review, child, social_worker
):
    document = casework.generate_document(
        actor=social_worker, person=child, generator_key="looked_after.review_record", object_id=review.pk
    )
    document.file.open("rb")
    text = pdf_text(document.file.read())
    for value in (
        "Record of the looked-after review",
        "Review 1 of the period of care from 14 March 2024",
        "Held on: 10 April 2024",
        "Due by: 15 April 2024 (held on time)",
        "Irene Oduya",
        "The IRO met the child before the review: Yes",
        "Participation: Child physically attends and speaks for themselves",
        "I want to see my brother every week",
        "Placement with Mr and Mrs Okafor to continue; sibling contact to increase",
        "Social worker",
        "Arrange weekly sibling contact",
        "1 May 2024",
        "Next review by: 10 July 2024",  # the second review: 3 months after the first
    ):
        assert value in text, value
    assert "PN1" not in text
    assert document.doc_type == "MINUTES"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, person_id=child.pk, summary__contains="Looked-after review"
    ).exists()


def test_review_record_refused_when_role_cannot_manage_documents(review, child, auditor_user):
    with pytest.raises(PermissionDenied):
        casework.generate_document(
            actor=auditor_user, person=child, generator_key="looked_after.review_record", object_id=review.pk
        )


def test_timeline_offers_review_record_and_files_it_when_pressed(client_for, review, child, iro):
    client = client_for(iro)
    choice = f"looked_after.review_record|{review.pk}"
    assert choice.encode() in client.get(reverse("looked_after:timeline", args=[child.pk])).content
    response = client.post(reverse("casework:generate_document", args=[child.pk]), {"choice": choice})
    assert response.status_code == 302
    document = Document.objects.get(person=child, generator="looked_after.review_record")
    listing = client.get(reverse("casework:documents", args=[child.pk]))
    assert reverse("casework:document_detail", args=[document.pk]).encode() in listing.content
