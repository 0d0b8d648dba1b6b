"""Casework's own records in the chronology: visits, final case notes, the child's recorded
views, documents and the events workers add by hand (`casework.chronology.SOURCES`)."""

from django.db.models import Q
from django.urls import reverse

from ..chronology.events import ChronologyEvent, Kind
from ..chronology.sources import Event, Source
from ..models import CaseNote, CaseNoteKind, CaseNoteStatus, ChildView, ChronologyEntry, Document, Visit


def _visit(visit: Visit) -> ChronologyEvent:
    seen = "seen alone" if visit.seen_alone else ("seen" if visit.child_seen else "not seen")
    return ChronologyEvent(
        person_id=visit.person_id,
        occurred_on=visit.visited_on,
        kind=Kind.VISIT,
        title=visit.get_kind_display(),
        summary=f"{visit.get_kind_display()} by {visit.worker.display_name}; child {seen}.",
        source="casework.Visit",
        source_key=f"casework.Visit:{visit.pk}",
    )


def _note(note: CaseNote) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=note.person_id,
        occurred_on=note.occurred_on,
        kind=Kind.VISIT
        if note.visit_kind
        else (Kind.SUPERVISION if note.kind == CaseNoteKind.MANAGEMENT_OVERSIGHT else Kind.NOTE),
        title=note.get_visit_kind_display()
        if note.visit_kind
        else f"Case note: {note.get_kind_display().lower()}",
        summary=(note.title or note.body.split("\n", 1)[0])[:200],
        source="casework.CaseNote",
        source_key=f"casework.CaseNote:{note.pk}",
        link=reverse("casework:note_detail", args=[note.pk]),
        restricted=note.restricted,
        author_id=note.author_id,
    )


def _child_view(view: ChildView) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=view.person_id,
        occurred_on=view.recorded_on,
        kind=Kind.VOICE,
        title="Child's wishes and feelings",
        summary=(f"“{view.words[:160]}”" if view.words else "A drawing or recording by the child."),
        source="casework.ChildView",
        source_key=f"casework.ChildView:{view.pk}",
        link=reverse("casework:voice", args=[view.person_id]),
    )


def _document(doc: Document) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=doc.person_id,
        occurred_on=doc.document_date,
        kind=Kind.DOCUMENT,
        title=f"Document: {doc.get_doc_type_display()}",
        summary=doc.title,
        source="casework.Document",
        source_key=f"casework.Document:{doc.pk}",
        link=reverse("casework:document_detail", args=[doc.pk]),
        restricted=doc.restricted,
        author_id=doc.uploaded_by_id,
        readers=frozenset(u.pk for u in doc.named_users.all()),
    )


def _entry(entry: ChronologyEntry) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=entry.person_id,
        occurred_on=entry.occurred_on,
        kind=Kind.PARTNER_EVENT,
        title=f"Reported by {entry.agency}",
        summary=entry.what_happened.split("\n", 1)[0][:300],
        source="casework.ChronologyEntry",
        source_key=f"casework.ChronologyEntry:{entry.pk}",
        restricted=entry.restricted,
        author_id=entry.recorded_by_id,
        curated=True,
        significant=entry.significant,
        impact=entry.impact,
        agency=entry.agency,
    )


SOURCES = (
    # A visit recorded as a case note is shown once, as the note.
    Source("casework.Visit", (Event(_visit),), where=Q(case_note__isnull=True), select=("worker",)),
    Source(
        "casework.CaseNote",
        (Event(_note),),
        where=Q(status=CaseNoteStatus.FINAL),
        select=("author",),
        restricted="restricted",
    ),
    Source("casework.ChildView", (Event(_child_view),)),
    Source("casework.Document", (Event(_document),), prefetch=("named_users",), restricted="restricted"),
    Source("casework.ChronologyEntry", (Event(_entry),), restricted="restricted", significant="significant"),
)
