""" "My work": due and overdue items from every statutory clock, most urgent first.

Each stage of the child's journey contributes, in its app's `worklist.py` (discovered by
`core.extensions`, ADR 0026):

- `items`, a `Provider`: the work due for these children (a few set-based queries, never
  one per child). Providers read history and compute due dates with `timescales`
  (statutory and local target); nothing is stored that cannot be recomputed.
- optionally `open_work_person_ids`, an `OpenWork`: the children with open work in the
  stage at all, each with the date their oldest open work there began (the team page's
  unallocated children are those with open work and no worker, shown with how long the work
  has waited). `since_earliest` builds it from (child, date) rows.
- optionally `held_by`, a `HeldBy`: the children a user holds in the stage without an
  allocation (an early help episode's worker), whose work is on the user's My work too.
- optionally `asked_of`, an `AskedOf`: work asked of a user by name that is not the work of
  children they hold (a case audit they are to do, a partner auditor's included), on their
  My work beside it.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from django.apps import apps

from .extensions import SummaryFact, app_modules
from .presenters import RESTRICTED_NAME

if TYPE_CHECKING:
    from accounts.models import User

# The kind of item that is a decision waiting for a manager or chair to sign it off.
SIGN_OFF = "Decision awaiting sign-off"


@dataclass(frozen=True)
class WorkItem:
    person_id: int
    title: str
    rule_id: str
    due: date
    local_target: date | None
    link: str  # empty: work on a record the reader may not open, listed without links
    kind: str = ""
    permission: str = ""  # a Permission value the reader needs to act on it (empty: anyone)
    # The child's name as shown: the page listing the work passes the names it has already
    # read to `work_items` (providers need not join each of their tables to people for it).
    person_name: str = ""
    # The reviewing roles (role values, such as "iro") whose work this is besides the allocated
    # worker's: an IRO's My work holds only the items naming their role.
    roles: frozenset[str] = frozenset()

    def is_overdue(self, today: date) -> bool:
        return self.due < today

    def missed_local_target(self, today: date) -> bool:
        return self.local_target is not None and self.local_target < today <= self.due


class Provider(Protocol):
    """The work due for these children, as of `today`."""

    def __call__(self, person_ids: Collection[int], today: date) -> Iterable[WorkItem]: ...


class OpenWork(Protocol):
    """The children with any open work in the stage, as of `today`: child id → the date the
    oldest of it began."""

    def __call__(self, today: date) -> Mapping[int, date]: ...


class HeldBy(Protocol):
    """The children this user holds in the stage without an allocation, as of `today`."""

    def __call__(self, user: "User", today: date) -> Collection[int]: ...


class AskedOf(Protocol):
    """Work asked of this user by name, as of `today`, about children they need not hold."""

    def __call__(self, user: "User", today: date) -> Iterable[WorkItem]: ...


def since_earliest(rows: Iterable[tuple[int, date | datetime]]) -> dict[int, date]:
    """(child id, date work began) rows as child id → the earliest of their dates."""
    found: dict[int, date] = {}
    for person_id, began in rows:
        day = _as_date(began)
        if person_id not in found or day < found[person_id]:
            found[person_id] = day
    return found


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def providers() -> list[Provider]:
    return [module.items for module in app_modules("worklist")]


def _open_work() -> list[tuple[str, OpenWork]]:
    """Each stage's open work, with the stage's name as a list shows it ("Child protection")."""
    return [
        (_stage_name(module.__name__), module.open_work_person_ids)
        for module in app_modules("worklist")
        if hasattr(module, "open_work_person_ids")
    ]


def _stage_name(module_name: str) -> str:
    return str(apps.get_app_config(module_name.split(".")[0]).verbose_name).split(":")[0]


def children_held_by(user: "User", today: date) -> set[int]:
    """The children a user holds in any stage without an allocation (each worklist may offer
    `held_by`)."""
    held: list[HeldBy] = [m.held_by for m in app_modules("worklist") if hasattr(m, "held_by")]
    return {person_id for held_by in held for person_id in held_by(user, today)}


def asked_of(user: "User", today: date) -> list[WorkItem]:
    """Work asked of a user by name in any stage (each worklist may offer `asked_of`), soonest
    due first; the children are left unnamed for the page to name as its reader may see, but
    for those whose record the user may not open (named as restricted, with no link)."""
    asked: list[AskedOf] = [m.asked_of for m in app_modules("worklist") if hasattr(m, "asked_of")]
    items = [item for source in asked for item in source(user, today)]
    return sorted(items, key=lambda i: (_as_date(i.due), i.title))


def work_items(
    person_ids: Collection[int],
    today: date,
    *,
    names: Mapping[int, str] | None = None,
    unnamed: Collection[int] = (),
) -> list[WorkItem]:
    """Every provider's items for these people, overdue first, then soonest due. `names`, the
    children's names as the page shows them, fill the items a provider left unnamed; the
    children in `unnamed` (restricted records the reader may not open) are never named."""
    items = [item for provider in providers() for item in provider(person_ids, today)]
    return named(items, names, unnamed)


def named(
    items: Iterable[WorkItem], names: Mapping[int, str] | None = None, unnamed: Collection[int] = ()
) -> list[WorkItem]:
    """The items with their children's names filled from `names` where a provider left them
    unnamed, the children in `unnamed` never named; overdue first, then soonest due."""
    names = names or {}
    items = [
        item if item.person_name else replace(item, person_name=names.get(item.person_id, ""))
        for item in items
    ]
    items = [replace(i, person_name=RESTRICTED_NAME) if i.person_id in unnamed else i for i in items]
    return sorted(items, key=lambda i: (_as_date(i.due), i.person_name, i.title))


def visible_to(user: "User", items: Iterable[WorkItem]) -> list[WorkItem]:
    """The items this user may act on (an item naming a permission is kept for its holders)."""
    return [item for item in items if not item.permission or user.has_perm(item.permission)]


def due_facts(items: Iterable[WorkItem], user: "User", order: int = 100) -> list[SummaryFact]:
    """A stage's work items for one child as the statutory dates of the child's summary (the
    items this user may act on): the summary's dates come from the work lists' own clocks."""
    return [
        SummaryFact(label=i.title, due=_as_date(i.due), link=i.link, order=order)
        for i in visible_to(user, items)
    ]


def awaiting_sign_off(
    person_ids: Collection[int],
    today: date,
    *,
    names: Mapping[int, str] | None = None,
    unnamed: Collection[int] = (),
) -> list[WorkItem]:
    """Decisions waiting for a manager or chair (assessments, plans), oldest first."""
    return [
        item for item in work_items(person_ids, today, names=names, unnamed=unnamed) if item.kind == SIGN_OFF
    ]


def open_work_by_stage(today: date) -> dict[int, dict[str, date]]:
    """Children with open work in any stage, each with the stages it is open in ("Front
    door", "Assessments", "Child protection", ...) and the date the oldest of it began there."""
    found: dict[int, dict[str, date]] = {}
    for stage, open_work in _open_work():
        for person_id, began in open_work(today).items():
            found.setdefault(person_id, {})[stage] = _as_date(began)
    return found


def children_with_open_work(today: date) -> dict[int, date]:
    """Children with open work in any stage (each worklist may offer `open_work_person_ids`),
    each with the date their oldest open work began."""
    return {person_id: min(stages.values()) for person_id, stages in open_work_by_stage(today).items()}
