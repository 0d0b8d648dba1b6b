"""Test helpers for every stage: people recorded through the people services."""

from collections.abc import Iterable, Sequence
from typing import Any

from accounts.models import User
from people import services
from people.models import Person, RecordRestriction


def make_person(
    actor: User,
    given_name: str,
    family_name: str,
    *,
    record_type: str = "CHILD",
    address: services.NewAddress | None = None,
    disabilities: Sequence[str] = (),
    **data: Any,
) -> Person:
    """`actor` records a person (a child unless `record_type` says otherwise) named
    `given_name` `family_name`, with any other details of the record in `data`."""
    return services.create_person(
        actor=actor,
        data={"record_type": record_type, "given_name": given_name, "family_name": family_name, **data},
        address=address,
        disabilities=disabilities,
    )


def restrict(
    manager: User,
    person: Person,
    reason: str = "STAFF_CHILD",
    *,
    named_users: Iterable[User] = (),
    details: str = "",
    actor: User | None = None,
) -> RecordRestriction:
    """`manager` (or `actor` on their behalf) restricts `person`'s record to `named_users`."""
    return services.restrict_record(
        actor=actor or manager,
        person=person,
        reason=reason,
        details=details,
        manager=manager,
        named_users=list(named_users),
    )
