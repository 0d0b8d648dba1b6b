"""Casework services: visits, the chronology, case notes, the child's voice, documents and
subject access, a module each. Each takes the acting user, is atomic, checks permission, is
audited and says which child's record it changed (`core.extensions.changed`)."""

from .chronology import add_chronology_entry, annotate_event, export_chronology
from .documents import (
    DOCUMENT_MAX_BYTES,
    DOCUMENT_TYPES,
    generate_document,
    record_document_download,
    upload_document,
)
from .handover import hand_over_drafts
from .notes import NOTE_FIELDS, StaleNote, finalise_case_note, save_case_note, start_case_note
from .subject_access import (
    approve_subject_access,
    create_subject_access_request,
    extend_subject_access,
    release_subject_access,
    return_subject_access,
    set_redactions,
    start_subject_access_review,
)
from .visits import record_visit
from .voice import VOICE_MAX_BYTES, VOICE_TYPES, record_child_view

__all__ = [
    "DOCUMENT_MAX_BYTES",
    "DOCUMENT_TYPES",
    "NOTE_FIELDS",
    "VOICE_MAX_BYTES",
    "hand_over_drafts",
    "VOICE_TYPES",
    "StaleNote",
    "add_chronology_entry",
    "annotate_event",
    "approve_subject_access",
    "create_subject_access_request",
    "export_chronology",
    "extend_subject_access",
    "finalise_case_note",
    "generate_document",
    "record_child_view",
    "record_document_download",
    "record_visit",
    "release_subject_access",
    "return_subject_access",
    "save_case_note",
    "set_redactions",
    "start_case_note",
    "start_subject_access_review",
    "upload_document",
]
