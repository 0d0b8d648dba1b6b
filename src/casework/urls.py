from django.urls import path

from . import views
from . import views_story as story

app_name = "casework"
urlpatterns = [
    path("people/<int:person_id>/visits/new/", views.record_visit, name="record_visit"),
    # Chronology
    path("people/<int:person_id>/chronology/", story.chronology_view, name="chronology"),
    path("people/<int:person_id>/chronology/siblings/", story.sibling_chronology, name="sibling_chronology"),
    path("people/<int:person_id>/chronology/export/", story.export_chronology, name="export_chronology"),
    path("people/<int:person_id>/chronology/curate/", story.annotate, name="annotate"),
    path("people/<int:person_id>/chronology/new/", story.add_entry, name="add_entry"),
    # Case notes
    path("people/<int:person_id>/notes/", story.notes, name="notes"),
    path("people/<int:person_id>/notes/new/", story.new_note, name="new_note"),
    path("people/<int:person_id>/notes/new/autosave/", story.autosave_new_note, name="autosave_new_note"),
    path("notes/<int:note_id>/", story.note_detail, name="note_detail"),
    path("notes/<int:note_id>/edit/", story.edit_note, name="edit_note"),
    path("notes/<int:note_id>/autosave/", story.autosave_note, name="autosave_note"),
    # The child's voice
    path("people/<int:person_id>/voice/", story.voice, name="voice"),
    path("voice/<int:view_id>/file/", story.voice_file, name="voice_file"),
    # Documents
    path("people/<int:person_id>/documents/", story.documents, name="documents"),
    path("people/<int:person_id>/documents/upload/", story.upload_document, name="upload_document"),
    path("people/<int:person_id>/documents/generate/", story.generate_document, name="generate_document"),
    path("documents/<int:document_id>/", story.document_detail, name="document_detail"),
    path("documents/<int:document_id>/download/", story.download_document, name="download_document"),
    # Subject access
    path("people/<int:person_id>/subject-access/", story.subject_access, name="subject_access"),
    path("subject-access/<int:sar_id>/", story.sar_detail, name="sar_detail"),
    path("subject-access/<int:sar_id>/action/", story.sar_action, name="sar_action"),
    path("subject-access/<int:sar_id>/extend/", story.sar_extend, name="sar_extend"),
]
