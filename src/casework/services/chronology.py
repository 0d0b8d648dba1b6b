"""The chronology: workers' curation of its events, events added by hand, and its export
for a court bundle."""

from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future, required
from people import read_audit
from people.models import Person

from .. import chronology, exports, rendering
from ..models import ChronologyAnnotation, ChronologyEntry


@transaction.atomic
def annotate_event(
    *,
    actor: User,
    person: Person,
    source_key: str,
    significant: bool,
    impact: str = "",
    analysis: str = "",
) -> ChronologyAnnotation:
    """Mark a chronology event significant (or not) and record its impact and analysis.
    Earlier annotations are kept as history."""
    _require(actor, Permission.CURATE_CHRONOLOGY)
    if chronology.find(person.pk, source_key, user=actor) is None:
        raise ValidationError({"source_key": "That event is not in this child's chronology"})
    note = ChronologyAnnotation.objects.create(
        person=person,
        source_key=source_key,
        significant=significant,
        impact=impact.strip(),
        analysis=analysis.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        person,
        note,
        "Curated a chronology entry",
        changes={"source_key": source_key, "significant": significant},
    )
    return note


@transaction.atomic
def add_chronology_entry(
    *,
    actor: User,
    person: Person,
    occurred_on: date,
    agency: str,
    what_happened: str,
    source_of_information: str,
    impact: str = "",
    significant: bool = False,
    restricted: bool = False,
) -> ChronologyEntry:
    """Add an event to the chronology by hand (usually reported by a partner agency)."""
    _require(actor, Permission.CURATE_CHRONOLOGY)
    not_in_future(occurred_on, field="occurred_on")
    required("what_happened", what_happened, "Enter what happened")
    entry = ChronologyEntry.objects.create(
        person=person,
        occurred_on=occurred_on,
        agency=agency.strip(),
        what_happened=what_happened.strip(),
        source_of_information=source_of_information.strip(),
        impact=impact.strip(),
        significant=significant,
        restricted=restricted,
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        entry,
        "Added a chronology entry",
        changes={"occurred_on": occurred_on, "significant": significant},
    )
    return entry


@transaction.atomic
def export_chronology(
    *,
    actor: User,
    person: Person,
    fmt: str,
    filters: chronology.Filters,
    person_ids: Collection[int] | None = None,
    names: dict[int, str] | None = None,
) -> bytes:
    """The chronology as PDF or Word (.docx) for a court bundle. Audited as an export, and
    for a sibling group's once more for each sibling whose entries it holds."""
    _require(actor, Permission.EXPORT_CHRONOLOGY)
    if fmt not in {"pdf", "docx"}:
        raise ValidationError({"format": "Choose PDF or Word"})
    events = chronology.collect(person_ids or [person.pk], user=actor, filters=filters)
    doc = exports.chronology_doc(person, events, filters, actor, names)
    data = rendering.to_pdf(doc) if fmt == "pdf" else rendering.to_docx(doc)
    auditor.record(
        actor=actor,
        action=AuditAction.EXPORT,
        person=person,
        summary=f"Exported the chronology ({fmt})",
        changes={
            "format": fmt,
            "entries": len(events),
            "significant_only": filters.significant_only,
            "from": filters.date_from,
            "to": filters.date_to,
        },
    )
    read_audit.record_shown_with(
        actor,
        person_ids or [],
        page=f"Exported the sibling group chronology ({fmt})",
        shown_with=person.pk,
        action=AuditAction.EXPORT,
    )
    return data
