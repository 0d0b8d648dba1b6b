"""Record-level rules for casework items, applied after the person access door
(`people.access.get_person_for`) has let the user into the child's record.

One rule for every restricted casework item (case notes, documents and their chronology
entries): whoever recorded it, anyone named on it, and users allowed restricted casework
(`VIEW_RESTRICTED_CASEWORK`: team and service managers). Another worker allocated to the
same child does not see it.

A draft case note is its author's alone to change or finalise (`may_edit_note`): not a
colleague's, not a manager's. A manager who wants a draft changed asks its author, and
records their own oversight as a management oversight note. When the author leaves, a manager
of their team hands their drafts to a worker who is still here (`may_hand_over`,
`services.hand_over_drafts`), who becomes the drafts' author."""

from collections.abc import Collection

from accounts.models import User
from accounts.permissions import Permission
from workforce.queries import teams_for

from .models import CaseNote, CaseNoteStatus, Document


def may_see_restricted(user: User, *, author_id: int | None, named_ids: Collection[int] = ()) -> bool:
    """Whether `user` may see a restricted item recorded by `author_id` and naming `named_ids`."""
    if author_id is not None and author_id == user.pk:
        return True
    if user.pk in set(named_ids):
        return True
    return bool(user.has_perm(Permission.VIEW_RESTRICTED_CASEWORK.value))


def may_read_note(user: User, note: CaseNote) -> bool:
    """Restricted notes: their author and users allowed restricted casework (managers)."""
    return not note.restricted or may_see_restricted(user, author_id=note.author_id)


def may_open_document(user: User, document: Document) -> bool:
    """Restricted documents: the uploader, the users named on the document and users allowed
    restricted casework (managers). The same rule hides the document's chronology entry."""
    if not document.restricted:
        return True
    named = [u.pk for u in document.named_users.all()]
    return may_see_restricted(user, author_id=document.uploaded_by_id, named_ids=named)


def may_edit_note(user: User, note: CaseNote) -> bool:
    """Only the worker who started a draft case note may change or finalise it."""
    return note.status == CaseNoteStatus.DRAFT and note.author_id == user.pk


def not_author_message(note: CaseNote) -> str:
    return f"Only {note.author.display_name}, who started this draft case note, can change or finalise it"


def may_hand_over(actor: User, departed: User) -> bool:
    """A manager hands over the drafts of leavers from the teams they see."""
    if not actor.has_perm(Permission.HAND_OVER_DRAFTS.value):
        return False
    if actor.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return True
    return departed.team_id is not None and teams_for(actor).filter(pk=departed.team_id).exists()


def may_take_drafts(worker: User, departed: User) -> bool:
    """Whether `worker` may be handed the drafts `departed` left: someone else, still here,
    who records case notes (the handover service refuses anyone else; its page offers only these)."""
    return (
        worker.pk != departed.pk and worker.is_active and worker.has_perm(Permission.RECORD_CASE_NOTE.value)
    )
