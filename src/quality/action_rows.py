"""The actions a direction, an oversight or an audit sets, each with an owner and due date."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from accounts.models import User
from people.models import Person

from .models import Action


@dataclass(frozen=True)
class ActionRow:
    description: str
    owner: User
    due_on: date


def create_actions(person: Person, rows: list[ActionRow], after: date, **source: Any) -> list[Action]:
    """The actions of a direction, oversight or audit (the caller audits and says it changed)."""
    made = []
    for n, row in enumerate(rows, start=1):
        if not row.description.strip():
            raise ValidationError({f"action_{n}": "Enter what is to be done"})
        if row.due_on < after:
            raise ValidationError(
                {f"action_{n}_due_on": "The action must be due on or after the day it was set"}
            )
        made.append(
            Action.objects.create(
                person=person,
                description=row.description.strip(),
                owner=row.owner,
                set_on=after,
                due_on=row.due_on,
                **source,
            )
        )
    return made
