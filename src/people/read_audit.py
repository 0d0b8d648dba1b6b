"""Audit rows for reads beyond the door's own opening of a record (`people.access.get_person_for`).

- A refusal of a child's record, the one place it is audited: the door's own (the user may
  not use the child's record for a purpose) and a record of a child's refused after the door
  let the user into the child's record (a restricted case note or document, a draft note),
  each naming the record refused. Its REFUSED row is written by `audit.services.record_refusal`,
  as a role's refusal of a page, before any record is read, is (`accounts.decorators`).
- Children shown alongside the one whose page it is (a sibling group's chronology and its
  export): one row for each of them, naming the child whose page showed them.
- A search: one SEARCH row for each listing of results, saying by what kinds of detail it
  searched (never what was typed: names, dates of birth and postcodes stay out of the audit),
  how many records it found and which it listed, by their keys.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Model

from accounts.models import User
from audit import services as auditor
from audit.models import AuditAction

# The most record keys one search row lists (a search shows far fewer).
MAX_LISTED = 200


def record_refusal(user: User, *, person: Any, obj: Model | None, reason: str, what: str = "") -> None:
    """`user` was refused `what` (the door: the purpose asked for) of the child's record, or
    (no `what`) let into the child's record but refused this record of theirs, `obj`."""
    refused = what or (obj._meta.verbose_name if obj is not None else "record")
    auditor.record_refusal(actor=user, what=str(refused), reason=reason, person=person, obj=obj)


def record_shown_with(
    user: User, person_ids: Iterable[int], *, page: str, shown_with: int, action: str = AuditAction.VIEW
) -> None:
    """Children shown on another child's page (`shown_with`): one row each, in one write."""
    others = [person_id for person_id in dict.fromkeys(person_ids) if person_id != shown_with]
    if not others:
        return
    auditor.record_many(
        [
            auditor.event(
                actor=user,
                action=action,
                person=person_id,
                summary=page[:200],
                changes={"shown_with": shown_with},
            )
            for person_id in others
        ]
    )


def record_search(
    user: User,
    *,
    by: Sequence[str],
    listed: Sequence[int],
    found: int | None = None,
    obj: Model | None = None,
    person: Any = None,
) -> None:
    """A search listed these records (keys, in the order shown). `by` names the kinds of detail
    searched by ("name", "date of birth"), never their values."""
    auditor.record(
        actor=user,
        action=AuditAction.SEARCH,
        person=person,
        obj=obj,
        summary=f"Searched for people by {', '.join(by)}"[:200],
        changes={
            "by": list(by),
            "found": len(listed) if found is None else found,
            "listed": list(listed)[:MAX_LISTED],
        },
    )
