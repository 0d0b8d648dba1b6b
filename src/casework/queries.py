"""Set-based reads of casework records for other stages' clocks, and the drafts leavers left."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from accounts.models import User
from accounts.permissions import Permission
from workforce.queries import teams_for

from .models import CaseNote, CaseNoteStatus, Visit


def last_seen_visits(person_ids: Collection[int], kind: str) -> dict[int, date]:
    """Each child's latest visit of this kind (e.g. CIN, CP) in which the child was seen, in one
    query; children with none are absent."""
    if not person_ids:
        return {}
    return dict(
        Visit.objects.filter(person_id__in=person_ids, kind=kind, child_seen=True)
        .values("person_id")
        .annotate(last=Max("visited_on"))
        .values_list("person_id", "last")
    )


@dataclass(frozen=True)
class LeaverDrafts:
    """The draft case notes one worker who has left (account switched off) left unfinished."""

    worker: User
    notes: list[CaseNote]


def drafts_left(user: User) -> list[LeaverDrafts]:
    """The drafts left by leavers of the teams `user` sees (every team's, for those who see
    all teams), by worker: only their author could finish them, so a manager hands them on
    (`casework.services.hand_over_drafts`)."""
    drafts = CaseNote.objects.filter(status=CaseNoteStatus.DRAFT, author__is_active=False)
    if not user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        drafts = drafts.filter(author__team__in=teams_for(user))
    by_worker: dict[int, LeaverDrafts] = {}
    for note in drafts.select_related("author", "person").order_by(
        "author__last_name", "author_id", "occurred_on"
    ):
        by_worker.setdefault(note.author_id, LeaverDrafts(note.author, [])).notes.append(note)
    return list(by_worker.values())
