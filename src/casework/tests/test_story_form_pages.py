"""The child's story form pages: what the worker sees after each kind of POST (saved and
redirected, or the form again with the error linked and everything typed kept)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.permissions import Role
from casework import services
from casework.models import CaseNote, CaseNoteStatus, Document
from core.tests.form_data import date_input

from .records import PDF


def _note_post(**extra):
    return {
        "kind": "VISIT",
        **date_input("occurred_on", date(2024, 4, 1)),
        **extra,
    }


def test_new_note_redirects_to_its_edit_page_when_draft_saved(client_for, child, social_worker):
    response = client_for(social_worker).post(
        reverse("casework:new_note", args=[child.pk]), _note_post(body="Home visit", action="draft")
    )
    note = CaseNote.objects.get(person=child)
    assert response.status_code == 302 and response["Location"] == reverse(
        "casework:edit_note", args=[note.pk]
    )
    assert note.status == CaseNoteStatus.DRAFT and note.body == "Home visit"


def test_new_note_keeps_draft_and_shows_error_when_finalised_empty(client_for, child, social_worker):
    response = client_for(social_worker).post(
        reverse("casework:new_note", args=[child.pk]), _note_post(title="Typed heading", action="finalise")
    )
    body = response.content.decode()
    note = CaseNote.objects.get(person=child)
    assert response.status_code == 400 and note.status == CaseNoteStatus.DRAFT
    assert "Enter the case note" in body and 'href="#id_body"' in body and "Typed heading" in body
    assert reverse("casework:autosave_note", args=[note.pk]) in body


def test_edit_note_saves_draft_then_finalises_when_posted(client_for, child, social_worker):
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    client = client_for(social_worker)
    url = reverse("casework:edit_note", args=[note.pk])

    saved = client.post(url, _note_post(body="First words", version="1", action="draft"))
    assert saved.status_code == 302 and saved["Location"] == url
    finalised = client.post(url, _note_post(body="Final words", version="2", action="finalise"))
    assert finalised.status_code == 302
    assert finalised["Location"] == reverse("casework:note_detail", args=[note.pk])
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.FINAL and note.body == "Final words"


def test_edit_note_keeps_typed_text_when_service_refuses(client_for, child, social_worker):
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    response = client_for(social_worker).post(
        reverse("casework:edit_note", args=[note.pk]),
        _note_post(body="Typed words", child_seen="no", seen_alone="yes", version="1", action="draft"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "A child can only be seen alone if they were seen" in body and "Typed words" in body
    note.refresh_from_db()
    assert note.version == 1 and note.body == ""


def test_upload_shows_error_on_named_users_when_username_unknown(client_for, child, social_worker):
    response = client_for(social_worker).post(
        reverse("casework:upload_document", args=[child.pk]),
        {
            "title": "School report",
            "doc_type": Document._meta.get_field("doc_type").choices[0][0],
            **date_input("document_date", date(2024, 4, 1)),
            "upload": SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
            "restricted": "on",
            "named_usernames": "nobody.here",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and not Document.objects.exists()
    assert "Enter the usernames of people who use Harbour" in body and 'href="#id_named_usernames"' in body
    assert "School report" in body


def test_saving_again_after_an_error_on_a_new_note_continues_its_draft(client_for, child, social_worker):
    client = client_for(social_worker)
    refused = client.post(
        reverse("casework:new_note", args=[child.pk]), _note_post(title="Typed heading", action="finalise")
    )
    note = CaseNote.objects.get(person=child)
    assert refused.status_code == 400
    assert f'name="version" value="{note.version}"' in refused.content.decode()

    saved = client.post(
        reverse("casework:edit_note", args=[note.pk]),
        _note_post(title="Typed heading", body="The words", version=str(note.version), action="finalise"),
    )
    assert saved.status_code == 302 and saved["Location"] == reverse("casework:note_detail", args=[note.pk])
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.FINAL and note.body == "The words"


def test_autosave_after_an_error_on_a_new_note_is_not_a_conflict(client_for, child, social_worker):
    client = client_for(social_worker)
    refused = client.post(reverse("casework:new_note", args=[child.pk]), _note_post(action="finalise"))
    note = CaseNote.objects.get(person=child)
    version = refused.content.decode().split('name="version" value="', 1)[1].split('"', 1)[0]

    autosaved = client.post(
        reverse("casework:autosave_note", args=[note.pk]), _note_post(body="Typed on", version=version)
    )
    assert autosaved.status_code == 200 and autosaved.json()["version"] == note.version + 1


def test_a_save_from_another_device_is_shown_beside_the_typed_text_and_neither_is_lost(
    client_for, child, social_worker
):
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Typed on the laptop"}
    )
    response = client_for(social_worker).post(
        reverse("casework:edit_note", args=[note.pk]),
        _note_post(body="Typed on the tablet", version="1", action="draft"),
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Typed on the laptop" in body and "Typed on the tablet" in body
    assert 'name="version" value="2"' in body
    note.refresh_from_db()
    assert note.body == "Typed on the laptop" and note.version == 2


@pytest.mark.parametrize("action", ["draft", "finalise"])
def test_edit_page_refuses_another_workers_draft_with_who_may_change_it(
    client_for, child, social_worker, team_manager, make_user, action
):
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    colleague = make_user(Role.SOCIAL_WORKER, "colleague.worker")
    url = reverse("casework:edit_note", args=[note.pk])
    for other in (colleague, team_manager):
        client = client_for(other)
        page = client.get(url)
        assert page.status_code == 403 and 'id="not-author"' in page.content.decode()
        response = client.post(url, _note_post(body="Not mine to write", version="1", action=action))
        body = response.content.decode()
        assert response.status_code == 403
        assert f"Only {social_worker.display_name}, who started this draft case note" in body
        assert 'name="body"' not in body  # no form to type into
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.DRAFT and note.body == "" and note.version == 1


def test_notes_list_links_to_edit_only_the_users_own_drafts(client_for, child, social_worker, make_user):
    mine = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    colleague = make_user(Role.SOCIAL_WORKER, "colleague.writer")
    theirs = services.start_case_note(
        actor=colleague, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 2)}
    )

    page = client_for(social_worker).get(reverse("casework:notes", args=[child.pk])).content.decode()

    assert reverse("casework:edit_note", args=[mine.pk]) in page
    assert reverse("casework:edit_note", args=[theirs.pk]) not in page
    assert reverse("casework:note_detail", args=[theirs.pk]) in page


def test_autosave_says_what_to_fix_when_the_date_is_not_real(client_for, child, social_worker):
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    response = client_for(social_worker).post(
        reverse("casework:autosave_note", args=[note.pk]),
        _note_post(body="Typed", version="1", **{"occurred_on-month": "13"}),
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("Not saved")
    note.refresh_from_db()
    assert note.version == 1
