"""What exports contain: the chronology for a court bundle, and a subject access copy."""

from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from people.models import INVERSE_LABELS, Person, PersonRelationship
from workforce.models import Allocation

from .chronology import ChronologyEvent, Filters, collect
from .models import CaseNote, CaseNoteStatus, ChildView, Document, SubjectAccessRequest, Visit
from .rendering import REDACTED, Doc


def _fmt(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def chronology_doc(
    person: Person,
    events: list[ChronologyEvent],
    filters: Filters,
    prepared_by: User,
    names: dict[int, str] | None = None,
) -> Doc:
    """A numbered table: date, event, source, impact/analysis; with the court-bundle header."""
    doc = Doc(title=f"Chronology – {person.full_name} ({person.la_child_id})")
    doc.h1(f"Chronology: {person.full_name}")
    doc.meta("Harbour ID", person.la_child_id)
    if person.date_of_birth:
        doc.meta("Date of birth", _fmt(person.date_of_birth))
    first = filters.date_from or (events[0].day if events else None)
    last = filters.date_to or (events[-1].day if events else None)
    doc.meta("Period covered", f"{_fmt(first) or 'start'} to {_fmt(last) or 'today'}")
    doc.meta("Entries", "Significant events only" if filters.significant_only else "All recorded events")
    doc.meta("Prepared by", f"{prepared_by.display_name}, {settings.HARBOUR_AUTHORITY['name']}")
    doc.meta("Date prepared", _fmt(timezone.localdate()))
    header = ["No.", "Date", "Event", "Source", "Impact on the child / analysis"]
    rows = [header]
    for number, event in enumerate(events, start=1):
        whose = f"[{names[event.person_id]}] " if names and event.person_id in names else ""
        tag = " (significant)" if event.significant else ""
        source = f"{event.agency} (partner agency)" if event.agency else f"{event.source_label} (Harbour)"
        impact = "\n".join(
            x for x in (event.impact, f"Analysis: {event.analysis}" if event.analysis else "") if x
        )
        rows.append(
            [str(number), _fmt(event.day), f"{whose}{event.title}{tag}: {event.summary}", source, impact]
        )
    doc.table(rows, widths=[0.06, 0.12, 0.42, 0.15, 0.25])
    return doc


# --- Subject access -------------------------------------------------------------------------


def subject_access_items(person: Person) -> Iterator[tuple[str, str, bool]]:
    """Everything held about the person as (section, text, third_party) items."""
    yield from _identity_items(person)
    yield from _casework_items(person)


def _identity_items(person: Person) -> Iterator[tuple[str, str, bool]]:
    yield "Person", f"Name: {person.full_name}; Harbour ID {person.la_child_id}", False
    if person.date_of_birth:
        yield "Person", f"Date of birth: {_fmt(person.date_of_birth)}", False
    if person.identity_notes:
        yield "Person", f"Identity and what matters: {person.identity_notes}", False
    for name in person.other_names.all():
        yield "Names", f"{name.get_kind_display()}: {name}", False
    for address in person.addresses.all():
        yield (
            "Addresses",
            f"{address} (from {_fmt(address.start_date)}{' to ' + _fmt(address.end_date) if address.end_date else ''})",
            False,
        )
    for rel in PersonRelationship.objects.filter(Q(person_a=person) | Q(person_b=person)).select_related(
        "person_a", "person_b"
    ):
        if rel.person_b_id == person.pk:
            other, label = rel.person_a, rel.get_type_display()
        else:
            other, label = rel.person_b, INVERSE_LABELS.get(rel.type, rel.get_type_display())
        yield "Relationships", f"{other.full_name} – {label}", True
    for a in Allocation.objects.filter(person=person).select_related("worker", "team"):
        yield (
            "Allocations",
            f"{a.get_role_display()}: {a.worker.display_name} ({a.team.name}) from {_fmt(a.start_date)}",
            False,
        )


def _casework_items(person: Person) -> Iterator[tuple[str, str, bool]]:
    for v in Visit.objects.filter(person=person).select_related("worker"):
        text = f"{_fmt(v.visited_on)} {v.get_kind_display()} by {v.worker.display_name}"
        yield "Visits", text + (f". Child said: {v.child_said}" if v.child_said else ""), False
    for note in CaseNote.objects.filter(person=person, status=CaseNoteStatus.FINAL):
        yield (
            "Case notes",
            f"{_fmt(note.occurred_on)} {note.get_kind_display()}: {note.title}\n{note.body}",
            True,
        )
    for view in ChildView.objects.filter(person=person):
        yield "Your views", f"{_fmt(view.recorded_on)}: {view.words or 'drawing or recording'}", False
    for event in collect([person.pk]):
        third = event.kind in {"family", "partner_event"}
        yield "Chronology", f"{_fmt(event.day)} {event.title}: {event.summary}", third
    for doc in Document.objects.filter(person=person):
        yield "Documents", f"{_fmt(doc.document_date)} {doc.get_doc_type_display()}: {doc.title}", False


def subject_access_doc(sar: SubjectAccessRequest) -> Doc:
    person = sar.person
    doc = Doc(title=f"Subject access copy – {person.la_child_id}")
    doc.h1(f"The record held about {person.full_name}")
    doc.meta("Harbour ID", person.la_child_id)
    doc.meta("Requested by", sar.requested_by_name)
    doc.meta("Request received", _fmt(sar.received_on))
    doc.meta("Released", _fmt(timezone.localdate()))
    doc.p(
        "Some information has been removed because it is about other people, or because "
        "releasing it could cause serious harm. Each removal is marked [Redacted]."
    )
    section = None
    for item in sar.items.all():
        if item.section != section:
            section = item.section
            doc.h2(section)
        doc.p(
            f"{REDACTED} ({item.reason})"
            if item.redact and item.reason
            else (REDACTED if item.redact else item.text)
        )
    return doc
