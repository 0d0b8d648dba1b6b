"""Reads audited by the object read: which note, document or drawing was opened, which
restricted one was refused, which siblings a sibling group's chronology showed or exported,
and a role refused a page."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from casework import services
from casework.models import ChildView
from people.tests.factories import restrict
from workforce.tests.factories import allocate

from .records import restricted_pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _note(actor, child, *, restricted=False, final=True):
    note = services.start_case_note(
        actor=actor,
        person=child,
        data={"kind": "OTHER", "occurred_on": date(2024, 4, 1), "title": "Call", "body": "Spoke to school."},
    )
    if restricted:
        note = services.save_case_note(
            actor=actor, note=note, expected_version=note.version, data={"restricted": True}
        )
    if final:
        note = services.finalise_case_note(actor=actor, note=note, expected_version=note.version, data={})
    return note


def _rows(actor, action, obj):
    return AuditEvent.objects.filter(
        actor=actor, action=action, object_type=obj._meta.label, object_id=str(obj.pk)
    )


@pytest.fixture
def second_worker(make_user, child, team_manager, team, social_worker):
    allocate(team_manager, child, social_worker, team)
    worker = make_user(Role.SOCIAL_WORKER, "second.worker", registered_social_worker=True)
    allocate(team_manager, child, worker, team, date(2024, 2, 1))
    return worker


def test_opening_a_case_note_audits_the_note_and_the_child(client_for, child, social_worker):
    note = _note(social_worker, child)

    response = client_for(social_worker).get(reverse("casework:note_detail", args=[note.pk]))

    assert response.status_code == 200
    viewed = _rows(social_worker, AuditAction.VIEW, note).get()
    assert viewed.person_id == child.pk and viewed.object_type == "casework.CaseNote"


def test_opening_and_downloading_a_document_audits_the_document(client_for, child, social_worker, team):
    document = restricted_pdf(social_worker, child, "Report")
    client = client_for(social_worker)

    assert client.get(reverse("casework:document_detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("casework:download_document", args=[document.pk])).status_code == 200

    assert _rows(social_worker, AuditAction.VIEW, document).count() == 2
    assert _rows(social_worker, AuditAction.VIEW, document).filter(person_id=child.pk).count() == 2


def test_opening_a_childs_drawing_audits_the_drawing(client_for, child, social_worker):
    view = services.record_child_view(
        actor=social_worker,
        person=child,
        recorded_on=date(2024, 4, 1),
        words="",
        attachment=SimpleUploadedFile("drawing.png", PNG, content_type="image/png"),
    )

    response = client_for(social_worker).get(reverse("casework:voice_file", args=[view.pk]))

    assert response.status_code == 200
    assert (
        _rows(social_worker, AuditAction.VIEW, ChildView.objects.get(pk=view.pk))
        .filter(person_id=child.pk)
        .exists()
    )


def test_a_restricted_note_refused_is_audited_with_the_actor_and_the_note(
    client_for, child, social_worker, second_worker
):
    note = _note(social_worker, child, restricted=True)

    response = client_for(second_worker).get(reverse("casework:note_detail", args=[note.pk]))

    assert response.status_code == 403
    refused = _rows(second_worker, AuditAction.REFUSED, note).get()
    assert (refused.person_id, refused.summary, refused.changes) == (
        child.pk,
        "case note refused: restricted case note",
        {},
    )


def test_a_note_the_door_refuses_is_audited_once_naming_the_purpose_and_the_note(
    client_for, child, social_worker, second_worker, team_manager
):
    note = _note(social_worker, child)
    restrict(team_manager, child, named_users=[social_worker])

    response = client_for(second_worker).get(reverse("casework:note_detail", args=[note.pk]))

    assert response.status_code == 403
    [refused] = AuditEvent.objects.filter(actor=second_worker, action=AuditAction.REFUSED)
    assert (refused.person_id, refused.object_type, refused.object_id, refused.summary, refused.changes) == (
        child.pk,
        "casework.CaseNote",
        str(note.pk),
        "view refused: restricted record",
        {},
    )


def test_a_restricted_document_refused_is_audited_with_the_actor_and_the_document(
    client_for, child, social_worker, second_worker
):
    document = restricted_pdf(social_worker, child, "Police disclosure")
    client = client_for(second_worker)

    assert client.get(reverse("casework:document_detail", args=[document.pk])).status_code == 403
    assert client.get(reverse("casework:download_document", args=[document.pk])).status_code == 403

    assert _rows(second_worker, AuditAction.REFUSED, document).filter(person_id=child.pk).count() == 2
    assert not AuditEvent.objects.filter(actor=second_worker, action=AuditAction.EXPORT).exists()


def test_a_role_refused_a_page_is_audited_with_the_actor(client_for, child, auditor_user):
    response = client_for(auditor_user).get(reverse("casework:new_note", args=[child.pk]))

    assert response.status_code == 403
    refused = AuditEvent.objects.get(actor=auditor_user, action=AuditAction.REFUSED)
    assert refused.changes["permission"] == "casework.record_case_note"
    assert refused.changes["keys"] == {"person_id": str(child.pk)}


def test_sibling_chronology_audits_each_sibling_shown(client_for, social_worker, child, sibling):
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = client_for(social_worker).get(reverse("casework:sibling_chronology", args=[child.pk]))

    assert response.status_code == 200
    views = AuditEvent.objects.filter(actor=social_worker, action=AuditAction.VIEW, id__gt=before)
    assert sorted(views.values_list("person_id", flat=True)) == sorted([child.pk, sibling.pk])
    assert views.get(person_id=sibling.pk).changes == {"shown_with": child.pk}


def test_sibling_chronology_export_audits_each_sibling_exported(client_for, team_manager, child, sibling):
    response = client_for(team_manager).get(
        reverse("casework:export_chronology", args=[child.pk]), {"format": "docx", "group": "siblings"}
    )

    assert response.status_code == 200
    exports = AuditEvent.objects.filter(actor=team_manager, action=AuditAction.EXPORT)
    assert sorted(exports.values_list("person_id", flat=True)) == sorted([child.pk, sibling.pk])
    assert exports.get(person_id=sibling.pk).changes == {"shown_with": child.pk}
