"""The letter to the family after an assessment, generated from the authorised assessment."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from audit.models import AuditAction, AuditEvent
from casework import services as casework
from casework.tests.pdf import pdf_text
from protection.tests.factories import make_referral

from .test_assessments import COMPLETE


@pytest.fixture
def authorised(child, social_worker, team_manager):
    referral = make_referral(child, social_worker, date(2025, 4, 1))
    assessment = services.start_assessment(
        actor=social_worker, referral=referral, start_date=date(2025, 4, 2)
    )
    services.record_assessment(
        actor=social_worker, assessment=assessment, data={**COMPLETE, "outcomes": ["CIN", "EARLY_HELP"]}
    )
    services.submit_assessment(actor=social_worker, assessment=assessment, on=date(2025, 5, 1))
    services.authorise_assessment(
        actor=team_manager, assessment=assessment, comments="Meets the standard", on=date(2025, 5, 2)
    )
    return assessment


def test_letter_tells_the_family_the_findings_and_next_steps_in_plain_words(authorised, child, social_worker):
    document = casework.generate_document(
        actor=social_worker, person=child, generator_key="assessments.family_letter", object_id=authorised.pk
    )
    document.file.open("rb")
    text = pdf_text(document.file.read())
    for value in (
        f"To the parents and carers of {child.full_name}",
        "Started: 2 April 2025",
        "Finished: 2 May 2025",
        "I want to stay with my nan",
        "Grandmother nearby",
        "Parents' drinking",
        "agree a plan with you",
        "An early help worker will contact you",
        f"{child.la_child_id}/A{authorised.pk}",
    ):
        assert value in text, value
    for code in ("EARLY_HELP", "16A", "CIN"):
        assert code not in text
    assert document.doc_type == "LETTER"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=child.pk).exists()


def test_only_authorised_assessments_can_be_written_up(child, social_worker):
    referral = make_referral(child, social_worker, date(2025, 4, 1))
    draft = services.start_assessment(actor=social_worker, referral=referral, start_date=date(2025, 4, 2))
    with pytest.raises(ValidationError, match="cannot be used"):
        casework.generate_document(
            actor=social_worker, person=child, generator_key="assessments.family_letter", object_id=draft.pk
        )


def test_the_letter_is_offered_on_the_generate_page(authorised, child, social_worker, client_for):
    page = client_for(social_worker).get(reverse("casework:generate_document", args=[child.pk]))
    assert page.status_code == 200
    assert "Letter to the family: what the assessment found" in page.content.decode()
