from django.urls import path

from .views import chronology, documents, handover, notes, subject_access, visits, voice

app_name = "casework"
urlpatterns = [
    path("people/<int:person_id>/visits/new/", visits.record_visit, name="record_visit"),
    # Chronology
    path("people/<int:person_id>/chronology/", chronology.chronology_view, name="chronology"),
    path(
        "people/<int:person_id>/chronology/siblings/",
        chronology.sibling_chronology,
        name="sibling_chronology",
    ),
    path("people/<int:person_id>/chronology/export/", chronology.export_chronology, name="export_chronology"),
    path("people/<int:person_id>/chronology/curate/", chronology.annotate, name="annotate"),
    path("people/<int:person_id>/chronology/new/", chronology.add_entry, name="add_entry"),
    # Case notes
    path("people/<int:person_id>/notes/", notes.notes, name="notes"),
    path("people/<int:person_id>/notes/new/", notes.new_note, name="new_note"),
    path("people/<int:person_id>/notes/new/autosave/", notes.autosave_new_note, name="autosave_new_note"),
    path("notes/<int:note_id>/", notes.note_detail, name="note_detail"),
    path("notes/<int:note_id>/edit/", notes.edit_note, name="edit_note"),
    path("notes/<int:note_id>/autosave/", notes.autosave_note, name="autosave_note"),
    path("drafts-left/", handover.drafts_left_view, name="drafts_left"),
    path("drafts-left/<int:user_id>/", handover.hand_over, name="hand_over"),
    # The child's voice
    path("people/<int:person_id>/voice/", voice.voice, name="voice"),
    path("voice/<int:view_id>/file/", voice.voice_file, name="voice_file"),
    # Documents
    path("people/<int:person_id>/documents/", documents.documents, name="documents"),
    path("people/<int:person_id>/documents/upload/", documents.upload_document, name="upload_document"),
    path("people/<int:person_id>/documents/generate/", documents.generate_document, name="generate_document"),
    path("documents/<int:document_id>/", documents.document_detail, name="document_detail"),
    path("documents/<int:document_id>/download/", documents.download_document, name="download_document"),
    # Subject access
    path("people/<int:person_id>/subject-access/", subject_access.subject_access, name="subject_access"),
    path("subject-access/<int:sar_id>/", subject_access.sar_detail, name="sar_detail"),
    path("subject-access/<int:sar_id>/action/", subject_access.sar_action, name="sar_action"),
    path("subject-access/<int:sar_id>/extend/", subject_access.sar_extend, name="sar_extend"),
]
