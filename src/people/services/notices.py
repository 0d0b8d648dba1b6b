"""Telling a member of staff about something on a child's record (an assessment submitted for
their authorisation, a plan signed off): the notification names the child only when the record
is not restricted. A restricted child's notification says only "a restricted record", with
nothing of what was written, whoever receives it (who may open the record can change after it
is sent); its link goes to the record's page, where the access door decides.

Called by the service making the change, in its transaction, never by a signal.
"""

from datetime import datetime

from accounts.models import User
from core.models import Notification
from core.services import notify

from ..access import active_restriction
from ..models import Person

RESTRICTED = "a restricted record"


def notify_about_child(
    *,
    recipient: User,
    person: Person,
    subject: str,
    body: str = "",
    link: str = "",
    at: datetime | None = None,
) -> Notification:
    """Notify `recipient` that `subject` happened "for" the child (the child's name follows
    it, or "a restricted record"); `body` (such as a manager's comment) is left out for a
    restricted record."""
    if active_restriction(person) is not None:
        return notify(recipient=recipient, subject=f"{subject} for {RESTRICTED}", link=link, at=at)
    return notify(
        recipient=recipient, subject=f"{subject} for {person.display_name}", body=body, link=link, at=at
    )
