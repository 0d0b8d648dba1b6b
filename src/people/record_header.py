"""The summary at the top of every page of a child's record: who they are, their legal and
plan status, who holds their case, the next statutory dates and the alerts about them.

One presenter, `ChildSummary`, shown by one partial (`people/_child_summary.jinja`) from the
header every page of the record uses (`people/_person_header.jinja`). It is made only for a
person object the access door let a user into (`access.let_in`): a restricted record a user
has not been let into has no page of its own, and so no summary. The stages add their lines
through the `summary` plug-in point (`core.extensions.summary_facts`), in a query or two
each, only for the stages the child has reached.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from core.extensions import SummaryFact, summary_facts
from core.links import url

from .access import let_in
from .models import Person

NEXT_DATES = 4  # the soonest statutory dates shown; the rest are on the record's pages

# The sections of a child's record, each its own page, linked from every page of the record:
# (key, text, URL name, the permission its page asks).
SECTIONS = (
    ("summary", "Summary", "people:detail", Permission.VIEW_PERSON),
    ("work", "Work and plans", "people:work", Permission.VIEW_PERSON),
    ("family", "Family and addresses", "people:family", Permission.VIEW_PERSON),
    ("chronology", "Chronology", "casework:chronology", Permission.VIEW_CHRONOLOGY),
    ("notes", "Case notes", "casework:notes", Permission.VIEW_CHRONOLOGY),
    ("documents", "Documents", "casework:documents", Permission.VIEW_CHRONOLOGY),
    ("oversight", "Oversight", "people:oversight", Permission.VIEW_PERSON),
)


@dataclass(frozen=True)
class Section:
    key: str
    text: str
    href: str


@dataclass(frozen=True)
class Allocated:
    worker: str
    role: str
    team: str


class ChildSummary:
    def __init__(self, person: Person, user: User, today: date | None = None) -> None:
        self.person = person
        self.user = user
        self.today = today or timezone.localdate()

    @property
    def sections(self) -> list[Section]:
        """The record's sections this user may open."""
        return [
            Section(key, text, url(name, self.person.pk))
            for key, text, name, permission in SECTIONS
            if self.user.has_perm(permission.value)
        ]

    @cached_property
    def facts(self) -> list[SummaryFact]:
        return summary_facts(self.person, self.user, self.today)

    @property
    def statuses(self) -> list[SummaryFact]:
        """Legal status, plan status and the like: the lines without a date."""
        return [f for f in self.facts if f.due is None]

    @property
    def next_dates(self) -> list[SummaryFact]:
        """The soonest statutory dates across the stages, overdue first."""
        dated = sorted((f for f in self.facts if f.due is not None), key=lambda f: (f.due, f.order))
        return dated[:NEXT_DATES]

    def overdue(self, fact: SummaryFact) -> bool:
        return fact.due is not None and fact.due < self.today

    @cached_property
    def allocated(self) -> list[Allocated]:
        """The workers holding the child's case today, with their teams."""
        current = self.person.allocations.filter(  # type: ignore[attr-defined]
            Q(end_date__isnull=True) | Q(end_date__gte=self.today), start_date__lte=self.today
        ).select_related("worker", "team")
        return [
            Allocated(a.worker.display_name, a.get_role_display(), a.team.name if a.team_id else "")
            for a in current.order_by("role", "start_date")
        ]

    @cached_property
    def alerts(self) -> list[Any]:
        """Alerts in force (read once: the record's own page lists the same rows)."""
        return [
            a
            for a in self.person.alerts.all()  # type: ignore[attr-defined]
            if a.start_date <= self.today and (a.end_date is None or a.end_date >= self.today)
        ]

    @property
    def restricted(self) -> bool:
        restriction = getattr(self.person, "restriction", None)
        return bool(restriction is not None and restriction.active)


def child_summary(person: Person | None) -> ChildSummary | None:
    """The summary of a person the door let the user into; None for any other person object
    (and for an adult's record, which has no child's summary)."""
    if person is None or getattr(person, "record_type", "") != "CHILD":
        return None
    user = let_in(person)
    if user is None:
        return None
    cached: ChildSummary | None = getattr(person, "_summary", None)
    if cached is None:
        cached = ChildSummary(person, user)
        # Read here, not as the template reads attributes: a template takes an AttributeError
        # raised inside a property for a missing value and would show nothing, silently.
        _ = cached.facts, cached.allocated, cached.alerts
        person._summary = cached  # type: ignore[attr-defined]
    return cached
