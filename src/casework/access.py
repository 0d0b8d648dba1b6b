"""Record-level rules for casework items, applied AFTER the person access door
(`people.access.get_person_for`) has let the user into the child's record."""

from typing import Any

from accounts.permissions import Permission

from .models import CaseNote, Document


def may_read_note(user: Any, note: CaseNote) -> bool:
    """Restricted notes: their author and users allowed restricted casework (managers)."""
    if not note.restricted or note.author_id == user.pk:
        return True
    return bool(user.has_perm(Permission.VIEW_RESTRICTED_CASEWORK.value))


def may_open_document(user: Any, document: Document) -> bool:
    """Restricted documents: the uploader, the allocated worker's team manager and the users
    named on the document."""
    if not document.restricted or document.uploaded_by_id == user.pk:
        return True
    from workforce.models import Allocation

    managers = (
        Allocation.objects.filter(person_id=document.person_id)
        .current()
        .values_list("team__manager_id", flat=True)
    )
    if user.pk in set(managers):
        return True
    return document.named_users.filter(pk=user.pk).exists()
