"""Handing a departed worker's draft case notes to another worker.

Only a draft's author may change or finalise it (`casework.access.may_edit_note`). When the
author leaves (their account is switched off), their drafts would be stuck: a manager hands
them to a worker who is still here, who then finishes them as their author. Each handover
is kept (`DraftHandover`, append-only: who had the draft, who has it now, who handed it over,
when and why), audited in the child's record, and the worker is told.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.links import url
from core.services import notify
from people.access import Purpose, decide

from ..access import may_hand_over, may_take_drafts
from ..models import CaseNote, CaseNoteStatus, DraftHandover


@transaction.atomic
def hand_over_drafts(*, actor: User, departed: User, to: User, reason: str) -> list[CaseNote]:
    """Make `to` the author of every draft case note `departed` left. Refused while
    `departed` still works here, to a worker who cannot record case notes, or when `to`
    may not open one of the children's records (nothing is handed over then)."""
    _require(actor, Permission.HAND_OVER_DRAFTS)
    if not may_hand_over(actor, departed):
        raise PermissionDenied("not a team this manager sees")
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if departed.is_active:
        errors["to"] = f"{departed.display_name} still works here: only they can change their drafts"
    elif not may_take_drafts(to, departed):
        errors["to"] = "Select a worker who is still here and records case notes"
    if not reason:
        errors["reason"] = "Enter why the drafts are handed to this worker"
    if errors:
        raise ValidationError(errors)
    drafts = list(
        CaseNote.objects.select_for_update()
        .filter(author=departed, status=CaseNoteStatus.DRAFT)
        .select_related("person")
        .order_by("pk")
    )
    shut = sorted({n.person.la_child_id for n in drafts if not decide(to, n.person, Purpose.EDIT).allowed})
    if shut:
        raise ValidationError(
            {
                "to": f"{to.display_name} cannot open the records of {', '.join(shut)}: "
                "select a worker who can, such as the children's allocated worker"
            }
        )
    for note in drafts:
        DraftHandover.objects.create(
            case_note=note, from_worker=departed, to_worker=to, handed_by=actor, reason=reason
        )
        note.author = to
        note.version += 1  # a page still open on the old version saves nothing over it
        note.save(update_fields=["author", "version", "updated_at"])
        audit_and_tell(
            actor,
            AuditAction.UPDATE,
            note.person,
            note,
            "Draft case note handed to another worker",
            changes={"author": [departed.pk, to.pk]},
            reason=reason,
        )
    if drafts:
        notify(
            recipient=to,
            subject=f"{len(drafts)} draft case note{'' if len(drafts) == 1 else 's'} handed to you",
            body=f"{actor.display_name} handed you the drafts {departed.display_name} left. "
            "Check, finish and finalise each one.",
            link=url("casework:note_detail", drafts[0].pk),
        )
    return drafts
