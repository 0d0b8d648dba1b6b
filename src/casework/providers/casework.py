"""Casework's own records in the chronology: visits, final case notes, the child's recorded
views, documents and the events workers add by hand (`casework.chronology.SOURCES`)."""

from typing import Any

from django.db.models import Q
from django.urls import reverse

from ..chronology.events import Kind
from ..chronology.sources import Event, Source
from ..models import CaseNote, CaseNoteKind, CaseNoteStatus, ChildView, ChronologyEntry, Visit


def _visit(visit: Visit) -> str:
    seen = "seen alone" if visit.seen_alone else ("seen" if visit.child_seen else "not seen")
    return f"{visit.get_kind_display()} by {visit.worker.display_name}; child {seen}."


def _note_kind(note: CaseNote) -> str:
    if note.visit_kind:
        return Kind.VISIT
    return Kind.SUPERVISION if note.kind == CaseNoteKind.MANAGEMENT_OVERSIGHT else Kind.NOTE


def _note_title(note: CaseNote) -> str:
    if note.visit_kind:
        return note.get_visit_kind_display()
    return f"Case note: {note.get_kind_display().lower()}"


def _child_view(view: ChildView) -> str:
    return f"“{view.words[:160]}”" if view.words else "A drawing or recording by the child."


def _entry(entry: ChronologyEntry) -> dict[str, Any]:
    return {"impact": entry.impact, "agency": entry.agency}


SOURCES: tuple[Source[Any], ...] = (
    Source(
        "casework.Visit",
        (Event(on="visited_on", title=lambda visit: visit.get_kind_display(), summary=_visit),),
        where=Q(case_note__isnull=True),  # a visit recorded as a case note is shown once, as the note
        select=("worker",),
        kind=Kind.VISIT,
    ),
    Source(
        "casework.CaseNote",
        (
            Event(
                kind=_note_kind,
                on="occurred_on",
                title=_note_title,
                summary=lambda note: (note.title or note.body.split("\n", 1)[0])[:200],
                link=lambda note: reverse("casework:note_detail", args=[note.pk]),
            ),
        ),
        where=Q(status=CaseNoteStatus.FINAL),
        select=("author",),
        restricted="restricted",
        author="author",
    ),
    Source(
        "casework.ChildView",
        (
            Event(
                on="recorded_on",
                title="Child's wishes and feelings",
                summary=_child_view,
                link=lambda view: reverse("casework:voice", args=[view.person_id]),
            ),
        ),
        kind=Kind.VOICE,
    ),
    Source(
        "casework.Document",
        (
            Event(
                on="document_date",
                title=lambda doc: f"Document: {doc.get_doc_type_display()}",
                summary=lambda doc: doc.title,
                link=lambda doc: reverse("casework:document_detail", args=[doc.pk]),
                more=lambda doc: {"readers": frozenset(u.pk for u in doc.named_users.all())},
            ),
        ),
        prefetch=("named_users",),
        restricted="restricted",
        author="uploaded_by",
        kind=Kind.DOCUMENT,
    ),
    Source(
        "casework.ChronologyEntry",
        (
            Event(
                on="occurred_on",
                title=lambda entry: f"Reported by {entry.agency}",
                summary=lambda entry: entry.what_happened.split("\n", 1)[0][:300],
                more=_entry,
            ),
        ),
        restricted="restricted",
        author="recorded_by",
        significant="significant",
        kind=Kind.PARTNER_EVENT,
    ),
)
