"""Case notes: a draft saved as the worker types (a stale save refused), then made final."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_in_future
from core.workflow import transition
from people.models import Person

from ..access import may_edit_note, not_author_message
from ..machines import CaseNoteMachine
from ..models import CaseNote, CaseNoteKind, CaseNoteStatus, CaseNoteStatusChange
from .visits import record_visit

NOTE_FIELDS = (
    "kind",
    "occurred_on",
    "title",
    "body",
    "child_seen",
    "seen_alone",
    "visit_kind",
    "written_to_child",
    "restricted",
)


class StaleNote(Exception):
    """Someone else saved the note since this version was loaded."""

    def __init__(self, current: CaseNote) -> None:
        super().__init__("stale case note")
        self.current = current


def _validate_note(data: dict[str, Any], *, final: bool) -> None:
    not_in_future(data.get("occurred_on"), field="occurred_on")
    if final and data.get("visit_kind") and data.get("kind") != CaseNoteKind.VISIT:
        raise ValidationError(
            {"visit_kind": "Only a visit note records a statutory visit: choose “Visit” as the type of note"}
        )
    if final and data.get("visit_kind") and data.get("child_seen") is not True:
        raise ValidationError(
            {
                "visit_kind": "A statutory visit is one where the child was seen: answer “Yes” to whether they were seen"
            }
        )
    if data.get("seen_alone") and data.get("child_seen") is False:
        raise ValidationError({"seen_alone": "A child can only be seen alone if they were seen"})
    if final and not (data.get("body") or "").strip():
        raise ValidationError({"body": "Enter the case note"})


@transaction.atomic
def start_case_note(*, actor: User, person: Person, data: dict[str, Any]) -> CaseNote:
    """Open a draft case note (it saves as the worker types until they finalise it)."""
    _require(actor, Permission.RECORD_CASE_NOTE)
    clean = {k: data[k] for k in NOTE_FIELDS if k in data}
    clean.setdefault("occurred_on", timezone.localdate())
    _validate_note(clean, final=False)
    note = CaseNote.objects.create(person=person, author=actor, updated_by=actor, **clean)
    audit_and_tell(actor, AuditAction.CREATE, person, note, "Started a case note")
    return note


@transaction.atomic
def save_case_note(
    *, actor: User, note: CaseNote, expected_version: int, data: dict[str, Any], client_id: str = ""
) -> CaseNote:
    """Save the draft: only its author may (PermissionDenied for anyone else). Refuses
    (StaleNote) if a newer version was saved meanwhile (the author in another tab or device).

    `client_id` identifies the browser tab (autosave): a newer version saved by the same
    user from the same tab (e.g. the save sent as the page unloaded) is not a conflict."""
    _require(actor, Permission.RECORD_CASE_NOTE)
    current = CaseNote.objects.select_for_update().get(pk=note.pk)
    if current.status != CaseNoteStatus.DRAFT:
        raise ValidationError({"body": "This case note is final and can no longer be changed"})
    if not may_edit_note(actor, current):
        raise PermissionDenied(not_author_message(current))
    own_save = bool(client_id) and current.last_client_id == client_id and current.updated_by_id == actor.pk
    if current.version != expected_version and not own_save:
        raise StaleNote(current)
    clean = {k: data[k] for k in NOTE_FIELDS if k in data}
    _validate_note({**{k: getattr(current, k) for k in NOTE_FIELDS}, **clean}, final=False)
    edited = {k: v for k, v in clean.items() if getattr(current, k) != v}
    for key, value in clean.items():
        setattr(current, key, value)
    current.version += 1
    current.updated_by = actor
    current.last_client_id = client_id[:40]
    current.save()
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        current.person,
        current,
        "Saved a draft case note",
        changes={"fields": sorted(edited), "version": current.version},
    )
    return current


@transaction.atomic
def finalise_case_note(
    *, actor: User, note: CaseNote, expected_version: int, data: dict[str, Any]
) -> CaseNote:
    """Save the last changes and make the note final (it then appears in the chronology)."""
    note = save_case_note(actor=actor, note=note, expected_version=expected_version, data=data)
    _validate_note({k: getattr(note, k) for k in NOTE_FIELDS}, final=True)
    note.finalised_at = timezone.now()
    note.save(update_fields=["finalised_at"])
    if note.visit_kind:
        _record_as_visit(actor, note)
    _finalise_transition(note, actor)
    changed(note.person)
    return note


def _record_as_visit(actor: User, note: CaseNote) -> None:
    """A final visit note with the child seen is the statutory visit the clocks count."""
    try:
        record_visit(
            actor=actor,
            person=note.person,
            kind=note.visit_kind,
            visited_on=note.occurred_on,
            child_seen=True,
            seen_alone=bool(note.seen_alone),
            purpose=note.title[:300],
            case_note=note,
        )
    except ValidationError as refused:
        fields = {"kind": "visit_kind", "visited_on": "occurred_on"}
        raise ValidationError(
            {fields.get(name, name): errors for name, errors in refused.message_dict.items()}
        ) from refused


def _finalise_transition(note: CaseNote, actor: User) -> None:
    transition(
        note,
        "finalise",
        machine_cls=CaseNoteMachine,
        history_model=CaseNoteStatusChange,
        history_fk="case_note",
        actor=actor,
        person=note.person,
        summary="Finalised a case note",
    )
