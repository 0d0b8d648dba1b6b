"""My work: actions from case directions, oversight and audits until done; case directions
due for review; the invitation to take part in a programme's audit of a child until it is
done (by the programme month's end); and management oversight due for each allocated child.
Asked of the auditor by name (`asked_of`): each audit of a programme theirs to do, by the
programme month's end, a partner auditor's included; offered as a link only where the access
door would let them into the child's record."""

from collections.abc import Collection, Iterable
from datetime import date

from accounts.models import User
from accounts.permissions import Permission
from core.links import url
from core.presenters import RESTRICTED_NAME
from core.worklist import WorkItem
from people import access

from . import queries, rules
from .oversight import oversight_states


def _carried(times: int, since: date) -> str:
    if not times:
        return ""
    return f" (carried over {times} time{'s' if times > 1 else ''}, first due {since:%-d %B %Y})"


def asked_of(user: User, today: date) -> Iterable[WorkItem]:
    """The audits asked of `user`, each linked to its form if the access door would let them
    into the child's record; one it would not (restricted, and they are not let in) is listed
    unnamed and unlinked, as the audits page lists it (until they are named on it, or it is lifted)."""
    if not user.has_perm(Permission.AUDIT_CASE.value):
        return
    cases = list(queries.audits_asked_of(user, today))
    openable = access.openable_ids(user, [case.person_id for case in cases])
    for case in cases:
        opens = case.person_id in openable
        yield WorkItem(
            case.person_id,
            f"Case audit to do ({case.programme.name})",
            "quality_audit_to_do",
            rules.programme_ends_on(case.programme.month),
            None,
            url("quality:new_audit", case.person_id) if opens else "",
            "quality",
            permission=Permission.AUDIT_CASE.value,
            person_name="" if opens else RESTRICTED_NAME,
        )


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for action in queries.open_actions(person_id__in=person_ids):
        yield WorkItem(
            action.person_id,
            f"{action.source} action for {action.owner.display_name}: {action.description}",
            "quality_action",
            action.due_on,
            None,
            url("quality:complete_action", action.pk),
            "quality",
        )
    for direction in queries.open_directions().filter(person_id__in=person_ids):
        yield WorkItem(
            direction.person_id,
            "Case direction due for review" + _carried(direction.carried, direction.originally_due),
            "quality_direction_review",
            direction.review_on,
            None,
            url("people:oversight", direction.person_id),
            "quality",
        )
    for case in queries.audits_awaited(person_ids):
        yield WorkItem(
            case.person_id,
            f"Case audit invitation: take part in the audit with {case.auditor.display_name}"
            f" ({case.programme.name})",
            "quality_audit_invitation",
            rules.programme_ends_on(case.programme.month),
            None,
            url("people:oversight", case.person_id),
            "quality",
        )
    for state in oversight_states(person_ids, today):
        yield WorkItem(
            state.person_id,
            "Management oversight due" + (" (child protection plan)" if state.on_cp_plan else ""),
            "oversight_due",
            state.due,
            None,
            url("people:oversight", state.person_id),
            "quality",
        )
