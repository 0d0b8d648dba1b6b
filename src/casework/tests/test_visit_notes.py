"""Record once: a final visit note with the child seen is the statutory visit the clocks count,
and a visit of a kind the child's stage does not allow (a child protection visit with no
child protection plan) is refused where it is entered."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework import services
from casework.models import CaseNote, CaseNoteStatus, Visit, VisitKind
from casework.queries import last_seen_visits
from core.tests.form_data import date_input

VISITED = date(2024, 4, 1)


def _visit_note(actor, child, **data):
    return services.start_case_note(
        actor=actor,
        person=child,
        data={"kind": "VISIT", "occurred_on": VISITED, "body": "Saw Amelia at home.", **data},
    )


def test_finalising_a_visit_note_with_the_child_seen_records_the_visit_once(child, social_worker):
    note = _visit_note(social_worker, child, child_seen=True, seen_alone=True, visit_kind=VisitKind.CIN)

    services.finalise_case_note(actor=social_worker, note=note, expected_version=note.version, data={})

    visit = Visit.objects.get(person=child)
    assert visit.case_note == note and visit.kind == VisitKind.CIN and visit.seen_alone
    assert last_seen_visits([child.pk], VisitKind.CIN) == {child.pk: VISITED}


def test_a_visit_note_without_a_statutory_kind_records_no_visit(child, social_worker):
    note = _visit_note(social_worker, child, child_seen=True)
    services.finalise_case_note(actor=social_worker, note=note, expected_version=note.version, data={})
    assert not Visit.objects.exists()


def test_a_statutory_visit_note_needs_the_child_seen(child, social_worker):
    note = _visit_note(social_worker, child, child_seen=False, visit_kind=VisitKind.CIN)
    with pytest.raises(ValidationError) as refused:
        services.finalise_case_note(actor=social_worker, note=note, expected_version=note.version, data={})
    assert "visit_kind" in refused.value.message_dict
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.DRAFT and not Visit.objects.exists()


def test_a_child_protection_visit_note_is_refused_for_a_child_with_no_plan(child, social_worker):
    note = _visit_note(social_worker, child, child_seen=True, visit_kind=VisitKind.CP)
    with pytest.raises(ValidationError) as refused:
        services.finalise_case_note(actor=social_worker, note=note, expected_version=note.version, data={})
    assert "not on a child protection plan" in refused.value.message_dict["visit_kind"][0]
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.DRAFT and not Visit.objects.exists()


def test_recording_a_child_protection_visit_is_refused_for_a_child_with_no_plan(child, social_worker):
    with pytest.raises(ValidationError) as refused:
        services.record_visit(
            actor=social_worker, person=child, kind=VisitKind.CP, visited_on=VISITED, child_seen=True
        )
    assert "kind" in refused.value.message_dict and not Visit.objects.exists()


def test_visit_page_shows_the_refusal_and_keeps_the_answers(client_for, child, social_worker):
    response = client_for(social_worker).post(
        reverse("casework:record_visit", args=[child.pk]),
        {
            "kind": "CP",
            **date_input("visited_on", VISITED),
            "child_seen": "yes",
            "purpose": "Typed purpose",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "not on a child protection plan" in body and "Typed purpose" in body


def test_note_page_finalises_a_visit_note_as_the_visit(client_for, child, social_worker):
    note = _visit_note(social_worker, child)
    response = client_for(social_worker).post(
        reverse("casework:edit_note", args=[note.pk]),
        {
            "kind": "VISIT",
            **date_input("occurred_on", VISITED),
            "body": "Saw Amelia at home.",
            "child_seen": "yes",
            "visit_kind": "CIN",
            "version": str(note.version),
            "action": "finalise",
        },
    )
    assert response.status_code == 302
    assert CaseNote.objects.get().status == CaseNoteStatus.FINAL
    assert Visit.objects.get().case_note_id == note.pk


def test_note_page_is_refused_to_a_role_that_does_not_write_notes(client_for, child, auditor_user):
    response = client_for(auditor_user).get(reverse("casework:new_note", args=[child.pk]))
    assert response.status_code == 403
