from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from casework import chronology, services
from casework.access import may_open_document, may_read_note
from casework.models import CaseNoteStatus, SARStatus
from core.presenters import govuk_datetime
from core.tests.form_data import date_input
from workforce.tests.factories import allocate

from .records import PDF, restricted_pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _note(actor, child, **extra):
    return services.start_case_note(
        actor=actor, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1), **extra}
    )


# --- Case notes --------------------------------------------------------------------------------


def test_draft_save_bumps_version_when_version_matches(child, social_worker):
    note = _note(social_worker, child)
    saved = services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Hello"}
    )
    assert saved.version == 2 and saved.body == "Hello" and saved.status == CaseNoteStatus.DRAFT


def test_draft_save_refused_as_stale_when_saved_first_from_another_tab(child, social_worker):
    note = _note(social_worker, child)
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Other tab"}, client_id="tab-a"
    )
    with pytest.raises(services.StaleNote) as stale:
        services.save_case_note(
            actor=social_worker, note=note, expected_version=1, data={"body": "Mine"}, client_id="tab-b"
        )
    assert stale.value.current.body == "Other tab"


def test_draft_save_refused_when_not_its_author(child, social_worker, team_manager, make_user):
    colleague = make_user(Role.SOCIAL_WORKER, "colleague")
    note = _note(social_worker, child, body="The author's words")
    for other in (colleague, team_manager):
        with pytest.raises(PermissionDenied, match="Only .* who started this draft case note"):
            services.save_case_note(actor=other, note=note, expected_version=1, data={"body": "Theirs"})
        with pytest.raises(PermissionDenied):
            services.finalise_case_note(actor=other, note=note, expected_version=1, data={"body": "Theirs"})
    note.refresh_from_db()
    assert note.body == "The author's words" and note.status == CaseNoteStatus.DRAFT and note.version == 1
    assert not AuditEvent.objects.filter(summary="Saved a draft case note").exists()


def test_finalise_puts_note_in_chronology_when_body_written(child, social_worker):
    note = _note(social_worker, child)
    assert not any(e.source == "casework.CaseNote" for e in chronology.collect([child.pk]))
    services.finalise_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Saw Amelia"}
    )
    note.refresh_from_db()
    assert note.status == CaseNoteStatus.FINAL and note.status_history.count() == 1
    assert any(e.source == "casework.CaseNote" for e in chronology.collect([child.pk]))
    with pytest.raises(ValidationError):
        services.save_case_note(
            actor=social_worker, note=note, expected_version=note.version, data={"body": "x"}
        )


def test_finalise_refused_when_body_empty(child, social_worker):
    note = _note(social_worker, child)
    with pytest.raises(ValidationError):
        services.finalise_case_note(actor=social_worker, note=note, expected_version=1, data={})


def test_note_refused_when_seen_alone_but_not_seen(child, social_worker):
    with pytest.raises(ValidationError):
        _note(social_worker, child, child_seen=False, seen_alone=True)


def test_note_refused_when_role_cannot_record(child, auditor_user):
    with pytest.raises(PermissionDenied):
        _note(auditor_user, child)


def test_restricted_note_readable_only_by_author_and_managers(child, social_worker, team_manager, make_user):
    note = _note(social_worker, child, restricted=True)
    assert may_read_note(social_worker, note) and may_read_note(team_manager, note)
    assert not may_read_note(make_user(Role.SOCIAL_WORKER, "someone"), note)


def test_autosave_endpoint_returns_409_with_their_version_when_stale(client_for, child, social_worker):
    note = _note(social_worker, child)
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Theirs"}, client_id="tab-a"
    )
    url = reverse("casework:autosave_note", args=[note.pk])
    data = {
        "kind": "VISIT",
        **date_input("occurred_on", date(2024, 4, 1)),
        "body": "Mine",
        "version": "1",
        "client_id": "tab-b",
    }
    response = client_for(social_worker).post(url, data)
    assert response.status_code == 409 and response.json()["current"]["body"] == "Theirs"
    data["version"] = "2"
    response = client_for(social_worker).post(url, data)
    assert response.status_code == 200 and response.json()["version"] == 3


def test_autosave_refused_with_a_message_when_not_the_drafts_author(
    client_for, child, social_worker, make_user
):
    note = _note(social_worker, child)
    colleague = make_user(Role.SOCIAL_WORKER, "colleague2")
    data = {"kind": "VISIT", **date_input("occurred_on", date(2024, 4, 1)), "body": "Mine", "version": "1"}

    response = client_for(colleague).post(reverse("casework:autosave_note", args=[note.pk]), data)

    assert response.status_code == 403
    assert "who started this draft case note, can change or finalise it" in response.json()["message"]
    note.refresh_from_db()
    assert note.version == 1 and note.body == ""


def test_autosave_new_note_creates_draft_when_first_posted(client_for, child, social_worker):
    url = reverse("casework:autosave_new_note", args=[child.pk])
    data = {
        "kind": "DIRECT_WORK",
        **date_input("occurred_on", date(2024, 4, 1)),
        "body": "Draw",
    }
    response = client_for(social_worker).post(url, data)
    assert response.status_code == 201
    assert response.json()["autosave_url"].endswith("/autosave/")


def test_edit_page_shows_both_versions_with_409_when_stale_without_js(client_for, child, social_worker):
    note = _note(social_worker, child)
    services.save_case_note(actor=social_worker, note=note, expected_version=1, data={"body": "Theirs"})
    data = {
        "kind": "VISIT",
        **date_input("occurred_on", date(2024, 4, 1)),
        "body": "Mine typed",
        "version": "1",
        "action": "draft",
    }
    response = client_for(social_worker).post(reverse("casework:edit_note", args=[note.pk]), data)
    assert response.status_code == 409
    assert b"Theirs" in response.content and b"Mine typed" in response.content


def test_conflict_with_the_authors_own_save_elsewhere_says_so_and_keeps_both(
    client_for, child, social_worker
):
    note = _note(social_worker, child)
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "From the laptop"}, client_id="a"
    )
    note.refresh_from_db()
    data = {
        "kind": "VISIT",
        **date_input("occurred_on", date(2024, 4, 1)),
        "body": "From the phone",
        "version": "1",
        "action": "draft",
    }
    response = client_for(social_worker).post(reverse("casework:edit_note", args=[note.pk]), data)

    assert response.status_code == 409
    page = response.content.decode()
    assert f"You saved a newer version of this note elsewhere at {govuk_datetime(note.updated_at)}" in page
    assert "Someone else" not in page
    assert "From the laptop" in page and "From the phone" in page
    note.refresh_from_db()
    assert note.body == "From the laptop"  # nothing discarded until the author saves again

    data["client_id"] = "b"
    response = client_for(social_worker).post(reverse("casework:autosave_note", args=[note.pk]), data)
    assert response.status_code == 409
    current = response.json()["current"]
    assert current["by_you"] is True and current["body"] == "From the laptop"
    assert current["conflict_heading"].startswith("You saved a newer version of this note elsewhere at ")


def test_conflict_with_someone_elses_save_names_them(child, social_worker, make_user):
    from casework.views.notes import conflict_heading, conflict_message

    note = _note(social_worker, child)
    colleague = make_user(Role.SOCIAL_WORKER, "colleague3")
    note.updated_by = colleague  # a version saved by another user (as before drafts were the author's alone)

    assert conflict_heading(note, social_worker).startswith(f"{colleague.display_name} saved a newer version")
    assert conflict_message(note, social_worker).startswith("Someone else saved this case note")
    assert conflict_heading(note, colleague).startswith("You saved a newer version of this note elsewhere")


def test_new_note_page_keeps_typed_text_when_date_invalid(client_for, child, social_worker):
    data = {
        "kind": "VISIT",
        "occurred_on-day": "40",
        "occurred_on-month": "4",
        "occurred_on-year": "2024",
        "body": "Typed words",
    }
    response = client_for(social_worker).post(reverse("casework:new_note", args=[child.pk]), data)
    assert response.status_code == 400 and b"Typed words" in response.content


# --- The child's voice ---------------------------------------------------------------------------


def test_child_view_accepts_drawing_when_png(child, social_worker):
    upload = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    view = services.record_child_view(
        actor=social_worker,
        person=child,
        recorded_on=date(2024, 4, 1),
        attachment=upload,
        informed_kind="Review",
        informed_on=date(2024, 4, 2),
    )
    assert view.attachment_type == "image/png"
    assert any(e.kind == "voice" for e in chronology.collect([child.pk]))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("x.pdf", PDF, "application/pdf"),
        ("fake.png", b"not a png at all", "image/png"),
        ("big.mp3", b"0" * (10 * 1024 * 1024 + 1), "audio/mpeg"),
    ],
)
def test_child_view_refuses_file_when_not_picture_or_sound_or_too_big(
    child, social_worker, name, content, content_type
):
    with pytest.raises(ValidationError):
        services.record_child_view(
            actor=social_worker,
            person=child,
            recorded_on=date(2024, 4, 1),
            attachment=SimpleUploadedFile(name, content, content_type=content_type),
        )


def test_child_view_page_records_words_when_posted(client_for, child, social_worker):
    url = reverse("casework:voice", args=[child.pk])
    data = {
        **date_input("recorded_on", date(2024, 4, 1)),
        "words": "I want to see my nan",
    }
    assert client_for(social_worker).post(url, data).status_code == 302
    assert b"I want to see my nan" in client_for(social_worker).get(url).content


# --- Documents --------------------------------------------------------------------------------------


def test_restricted_document_opens_for_uploader_manager_and_named_only(
    child, social_worker, team_manager, team, make_user
):
    named = make_user(Role.SOCIAL_WORKER, "named.user")
    stranger = make_user(Role.SOCIAL_WORKER, "stranger")
    allocate(team_manager, child, social_worker, team)
    doc = restricted_pdf(social_worker, child, "Police disclosure", named_users=[named])
    assert (
        may_open_document(social_worker, doc)
        and may_open_document(team_manager, doc)
        and may_open_document(named, doc)
    )
    assert not may_open_document(stranger, doc)


def test_document_download_refused_when_restricted_and_user_not_allowed(
    client_for, child, social_worker, make_user
):
    doc = restricted_pdf(social_worker, child, "Secret")
    stranger = make_user(Role.SOCIAL_WORKER, "stranger2")
    assert client_for(stranger).get(reverse("casework:download_document", args=[doc.pk])).status_code == 403
    response = client_for(social_worker).get(reverse("casework:download_document", args=[doc.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type__icontains="document").exists()


def test_upload_refused_when_type_not_allowed(child, social_worker):
    with pytest.raises(ValidationError):
        services.upload_document(
            actor=social_worker,
            person=child,
            title="Script",
            doc_type="OTHER",
            document_date=date(2024, 4, 1),
            upload=SimpleUploadedFile("x.html", b"<script>", content_type="text/html"),
        )


def test_generate_my_record_and_referral_letter_when_data_exists(child, social_worker):
    from django.utils import timezone

    from frontdoor.models import Referral

    referral = Referral.objects.create(
        person=child,
        referral_date=date(2024, 1, 5),
        received_at=timezone.now(),
        source="1A",
        created_by=social_worker,
    )
    mine = services.generate_document(
        actor=social_worker, person=child, generator_key="casework.my_record", object_id=child.pk
    )
    letter = services.generate_document(
        actor=social_worker,
        person=child,
        generator_key="frontdoor.referral_acknowledgement",
        object_id=referral.pk,
    )
    assert mine.file.read().startswith(b"%PDF") and letter.content_type == "application/pdf"
    assert any(e.source_key == f"frontdoor.Referral:{referral.pk}" for e in chronology.collect([child.pk]))
    with pytest.raises(ValidationError):
        services.generate_document(
            actor=social_worker, person=child, generator_key="casework.my_record", object_id=999999
        )


def test_making_an_unchanged_document_again_gives_the_copy_filed_before(child, social_worker):
    from casework.models import Document

    first = services.generate_document(
        actor=social_worker, person=child, generator_key="casework.my_record", object_id=child.pk
    )
    again = services.generate_document(
        actor=social_worker, person=child, generator_key="casework.my_record", object_id=child.pk
    )

    assert again.pk == first.pk and again.reused and not first.reused
    assert Document.objects.filter(person=child).count() == 1
    assert len(first.content_hash) == 64

    Document.objects.filter(pk=first.pk).update(content_hash="something else")  # as if the record changed
    changed = services.generate_document(
        actor=social_worker, person=child, generator_key="casework.my_record", object_id=child.pk
    )
    assert changed.pk != first.pk and not changed.reused


def test_generate_page_files_document_when_chosen(client_for, child, social_worker):
    url = reverse("casework:generate_document", args=[child.pk])
    assert client_for(social_worker).get(url).status_code == 200
    response = client_for(social_worker).post(url, {"choice": f"casework.my_record|{child.pk}"})
    assert response.status_code == 302
    again = client_for(social_worker).post(url, {"choice": f"casework.my_record|{child.pk}"}, follow=True)
    assert "Nothing in this document has changed since it was made" in again.content.decode()


# --- Subject access -------------------------------------------------------------------------------------


def test_subject_access_runs_review_second_approval_and_release(
    child, social_worker, team_manager, make_user, sibling
):
    second = make_user(Role.SERVICE_MANAGER, "service.mgr")
    _note(social_worker, child)
    sar = services.create_subject_access_request(
        actor=team_manager, person=child, requested_by_name="Amelia", received_on=date(2026, 1, 2)
    )
    services.start_subject_access_review(actor=team_manager, sar=sar)
    third_party = sar.items.filter(third_party=True)
    assert third_party.exists() and all(i.redact for i in third_party)
    item = sar.items.filter(third_party=False).first()
    with pytest.raises(ValidationError):
        services.set_redactions(actor=team_manager, sar=sar, decisions={item.pk: (True, "")})
    services.set_redactions(actor=team_manager, sar=sar, decisions={item.pk: (True, "Serious harm")})
    with pytest.raises(ValidationError):
        services.approve_subject_access(actor=team_manager, sar=sar)  # the reviewer cannot approve
    services.approve_subject_access(actor=second, sar=sar)
    document = services.release_subject_access(actor=second, sar=sar)
    sar.refresh_from_db()
    assert sar.status == SARStatus.RELEASED and sar.status_history.count() == 3
    assert document.restricted and document.file.read().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, summary__icontains="subject access").exists()


def test_subject_access_refused_when_role_lacks_permission(child, social_worker):
    with pytest.raises(PermissionDenied):
        services.create_subject_access_request(
            actor=social_worker, person=child, requested_by_name="A", received_on=date(2026, 1, 2)
        )


def test_subject_access_pages_walk_through_when_posted(client_for, child, team_manager):
    client = client_for(team_manager)
    response = client.post(
        reverse("casework:subject_access", args=[child.pk]),
        {
            "requested_by_name": "Amelia",
            **date_input("received_on", date(2026, 1, 2)),
        },
    )
    assert response.status_code == 302
    sar_url = response["Location"]
    sar_id = int(sar_url.rstrip("/").split("/")[-1])
    client.post(reverse("casework:sar_action", args=[sar_id]), {"event": "start_review"})
    page = client.get(sar_url)
    assert page.status_code == 200 and b"Save redactions" in page.content


def test_own_tab_save_is_not_a_conflict_when_client_id_matches(child, social_worker):
    note = _note(social_worker, child)
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "a"}, client_id="tab1"
    )
    saved = services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "ab"}, client_id="tab1"
    )
    assert saved.body == "ab"
    with pytest.raises(services.StaleNote):
        services.save_case_note(
            actor=social_worker, note=note, expected_version=1, data={"body": "x"}, client_id="tab2"
        )


def test_child_view_links_to_chronology_event_when_posted_from_event(client_for, child, social_worker):
    key = f"people.Person:{child.pk}:born"
    url = reverse("casework:voice", args=[child.pk])
    assert key.encode() in client_for(social_worker).get(url, {"informs": key}).content
    data = {
        **date_input("recorded_on", date(2024, 4, 1)),
        "words": "My birthday is the best day",
        "informed_source_key": key,
    }
    assert client_for(social_worker).post(url, data).status_code == 302
    from casework.models import ChildView

    assert ChildView.objects.get(person=child).informed_source_key == key


def test_my_record_names_no_restricted_relative(child, social_worker, team_manager):
    from casework.documents import _my_record
    from people import services as people
    from people.tests.factories import make_person, restrict

    sibling = make_person(social_worker, "Jordan", "Quill")
    people.add_relationship(actor=social_worker, person_a=sibling, person_b=child, type="SIBLING")
    restrict(team_manager, sibling, named_users=[social_worker])

    text = " ".join(str(block.text) for block in _my_record(child, child.pk, social_worker).blocks)

    assert "Quill" not in text
    assert "Restricted record – your sibling" in text


def test_chronology_names_no_restricted_relative(client_for, child, social_worker, team_manager):
    from people import services as people
    from people.tests.factories import make_person, restrict

    sibling = make_person(social_worker, "Jordan", "Quill")
    people.add_relationship(actor=social_worker, person_a=sibling, person_b=child, type="SIBLING")
    restrict(team_manager, sibling)

    summaries = [e.summary for e in chronology.collect([child.pk], user=social_worker) if e.kind == "family"]
    page = client_for(social_worker).get(reverse("casework:chronology", args=[child.pk])).content.decode()

    assert summaries and all("Quill" not in s for s in summaries)
    assert "Restricted record recorded as sibling." in summaries
    assert "Quill" not in page
