"""The one door to a person's record.

Every read or write of a child's (or any person's) record goes through
`get_person_for(user, person_id, purpose=...)`. It applies, in order and each on its own
line: the user's role permission for the purpose; the record's existence and merge
state; involvement-only roles (partner agencies); restriction (named users, the record's
manager, or a current break-the-glass grant). Every outcome is audited: a view or edit
as VIEW/UPDATE-intent, a refusal as REFUSED. Views never query `Person.objects` directly
(a test enforces this).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.permissions import INVOLVEMENT_ONLY_ROLES, Permission
from audit import services as auditor
from audit.models import AuditAction
from core.services import notify

from . import read_audit
from .models import AccessGrant, BreakGlassAccess, Person, PersonQuerySet, RecordRestriction, RecordStatus

BREAK_GLASS_HOURS = 8
R = TypeVar("R", bound=Model)


class Purpose(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    AUDIT = "audit"
    MERGE = "merge"
    UNDO_MERGE = "undo_merge"
    RESTRICT = "restrict"
    ALLOCATE = "allocate"


PURPOSE_PERMISSION: dict[Purpose, Permission] = {
    Purpose.VIEW: Permission.VIEW_PERSON,
    Purpose.EDIT: Permission.EDIT_PERSON,
    Purpose.AUDIT: Permission.VIEW_AUDIT,
    Purpose.MERGE: Permission.MERGE_PEOPLE,
    Purpose.UNDO_MERGE: Permission.UNDO_MERGE,
    Purpose.RESTRICT: Permission.RESTRICT_RECORD,
    Purpose.ALLOCATE: Permission.ALLOCATE_CHILD,
}


class RecordMerged(Exception):
    """The record was merged; the caller should send the user to the surviving record (or
    one who may undo the merge to the merged record's undo page)."""

    def __init__(self, survivor_id: int, person_id: int = 0) -> None:
        super().__init__(survivor_id)
        self.survivor_id = survivor_id
        self.person_id = person_id


class RestrictedRecord(PermissionDenied):
    """The record is restricted and the user is not allowed in without breaking the glass."""

    def __init__(self, person: Person, can_break_glass: bool) -> None:
        super().__init__("This record is restricted.")
        self.person = person
        self.can_break_glass = can_break_glass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str


def _is_involved(user: User, person: Person) -> bool:
    """Allocated to the child today, or given access to their record for today (a partner
    auditor of a multi-agency audit, `AccessGrant`)."""
    today = timezone.localdate()
    return (
        person.allocations.filter(  # type: ignore[attr-defined]
            Q(end_date__isnull=True) | Q(end_date__gte=today), worker=user, start_date__lte=today
        ).exists()
        or _granted_ids(user, [person.pk]) != set()
    )


def grants_in_force(user: User, on: date) -> QuerySet[AccessGrant]:
    """The access grants that let `user` into records on the day `on`: what the door honours
    (work that a grant lets a partner agency user do is listed from these, never re-derived)."""
    return AccessGrant.objects.filter(user=user, starts_on__lte=on, ends_on__gte=on)


def _granted_ids(user: User, person_ids: Iterable[int] | None = None) -> set[int]:
    """The records the user has been given access to for today (of `person_ids`, if given)."""
    grants = grants_in_force(user, timezone.localdate())
    if person_ids is not None:
        grants = grants.filter(person_id__in=list(person_ids))
    return set(grants.values_list("person_id", flat=True))


def _restriction(person: Person) -> RecordRestriction | None:
    try:
        restriction = person.restriction  # type: ignore[attr-defined]
    except RecordRestriction.DoesNotExist:
        return None
    return restriction if restriction.active else None


def active_restriction(person: Person) -> RecordRestriction | None:
    """The restriction in force on the record, if any."""
    return _restriction(person)


def _has_current_break_glass(user: User, person: Person) -> bool:
    return BreakGlassAccess.objects.filter(person=person, user=user, expires_at__gt=timezone.now()).exists()


def may_see_restricted(user: User, person: Person) -> bool:
    restriction = _restriction(person)
    if restriction is None:
        return True
    if restriction.manager_id == user.pk:
        return True
    if restriction.named_users.filter(pk=user.pk).exists():
        return True
    return _has_current_break_glass(user, person)


def decide(user: User, person: Person, purpose: Purpose) -> Decision:
    """The access rule itself, without side effects (also used to label search results)."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "not signed in")
    if not user.has_perm(PURPOSE_PERMISSION[purpose].value):
        return Decision(False, f"role lacks {PURPOSE_PERMISSION[purpose].value}")
    if purpose == Purpose.AUDIT:
        return Decision(True, "auditor")
    if user.role_enum in INVOLVEMENT_ONLY_ROLES and not _is_involved(user, person):
        return Decision(False, "not involved with this person")
    if not may_see_restricted(user, person):
        return Decision(False, "restricted record")
    if purpose == Purpose.RESTRICT and not may_change_restriction(user, person):
        return Decision(False, "only the restriction's manager may change it")
    return Decision(True, "allowed")


def may_change_restriction(user: User, person: Person) -> bool:
    """An existing restriction is changed (or lifted) only by its manager: not by a named
    user, nor on a break-the-glass grant, nor by anyone else who may restrict records."""
    restriction = _restriction(person)
    return restriction is None or restriction.manager_id == user.pk


def _load(person_id: Any) -> Person:
    try:
        return Person.objects.select_related("restriction").get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such person") from exc


def get_person_for(
    user: User, person_id: Any, *, purpose: Purpose = Purpose.VIEW, page: str = "", obj: Model | None = None
) -> Person:
    """Return the person if `user` may use the record for `purpose`; audit the outcome. `obj`
    is the record of theirs being opened (a note, a document …): the audit row names it."""
    person = _load(person_id)
    # A merged record opens only for the audit, and for undoing its merge.
    if person.record_status == RecordStatus.MERGED and purpose not in (Purpose.AUDIT, Purpose.UNDO_MERGE):
        raise RecordMerged(person.merged_into_id or 0, person.pk)
    decision = decide(user, person, purpose)
    if not decision.allowed:
        read_audit.record_refusal(user, person=person, obj=obj, reason=decision.reason, what=purpose.value)
        if decision.reason == "restricted record":
            raise RestrictedRecord(person, user.has_perm(Permission.BREAK_GLASS.value))
        raise PermissionDenied(decision.reason)
    _audit_open(user, purpose, page, person=person, obj=obj)
    person._let_in = user  # type: ignore[attr-defined]  # who the door let in (see let_in)
    return person


def _audit_open(
    user: User, purpose: Purpose, page: str, *, person: Person | None = None, obj: Model | None = None
) -> None:
    auditor.record(
        actor=user,
        action=AuditAction.VIEW,
        person=person,
        obj=obj,
        summary=f"{page or purpose.value}"[:200],
        changes={"purpose": purpose.value} if purpose != Purpose.VIEW else {},
    )


def let_in(person: Person) -> User | None:
    """The user the door let into this person object (`get_person_for`), or None for a person
    read any other way: what is shown only to someone let in asks this first."""
    user = getattr(person, "_let_in", None)
    return user if isinstance(user, User) else None


def get_record_for(
    user: User,
    model: type[R],
    pk: Any,
    purpose: Purpose = Purpose.VIEW,
    *,
    page: str = "",
    rows: QuerySet[R] | None = None,
    people: Callable[[R], Iterable[int]] | None = None,
) -> R:
    """The one way to load a record that belongs to a child (a plan, a note, a review …):
    read the record by its key (404 if there is none), then open its child through
    `get_person_for` for `purpose` before anything of the record is used. The record comes
    back with `.person` set to the person the door let through, so nothing reads it twice.

    The door's audit row names the record (its model and key) as well as the child.

    `rows` narrows or prefetches what is read (`CPPlan.objects.select_related("chair")`).
    A record that concerns several children (a contact) names them with `people`; every one
    of them must be let in, and `.person` is not set. Refusals raise as `get_person_for`'s do
    (RestrictedRecord, PermissionDenied, RecordMerged), each audited by the door."""
    queryset = rows if rows is not None else model._default_manager.all()
    try:
        record = queryset.get(pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError) as exc:  # type: ignore[attr-defined]
        raise Http404("No such record") from exc
    label = page or str(model._meta.verbose_name).capitalize()
    if people is not None:
        concerned = list(people(record))
        for person_id in concerned:
            get_person_for(user, person_id, purpose=purpose, page=label, obj=record)
        if not concerned:
            # A record about no child yet (a contact before its children are found): still
            # audited, by the record itself, as every opening of a child's record is.
            _audit_open(user, purpose, label, obj=record)
        return record
    person = get_person_for(user, record.person_id, purpose=purpose, page=label, obj=record)  # type: ignore[attr-defined]
    record.person = person  # type: ignore[attr-defined]
    return record


def visible_people(user: User) -> PersonQuerySet:
    """Records a user may find in search (restricted ones are listed but not opened)."""
    people = Person.objects.active()
    if not user.has_perm(Permission.SEARCH_PEOPLE.value):
        return people.none()
    if user.role_enum in INVOLVEMENT_ONLY_ROLES:
        today = timezone.localdate()
        allocated = people.filter(
            Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=today),
            allocations__worker=user,
            allocations__start_date__lte=today,
        ).values("pk")
        people = people.filter(Q(pk__in=allocated) | Q(pk__in=_granted_ids(user)))
    return people


@transaction.atomic
def break_glass(*, actor: User, person_id: Any, reason: str) -> BreakGlassAccess:
    """Record why `actor` must open a restricted record, tell its manager, and let them in."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValueError("Give a reason of at least 10 characters")
    if not actor.has_perm(Permission.BREAK_GLASS.value):
        raise PermissionDenied("Your role cannot break the glass")
    person = _load(person_id)
    restriction = _restriction(person)
    if restriction is None:
        raise ValueError("This record is not restricted")
    now = timezone.now()
    grant = BreakGlassAccess.objects.create(
        person=person,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=BREAK_GLASS_HOURS),
    )
    auditor.record(
        actor=actor,
        action=AuditAction.BREAK_GLASS,
        person=person,
        obj=grant,
        summary="Opened a restricted record",
        reason=reason,
    )
    notify(
        recipient=restriction.manager,
        subject=f"{actor.display_name} broke the glass on restricted record {person.la_child_id}",
        body=f"Reason given: {reason}",
        link=f"/audit/person/{person.pk}/",
    )
    return grant


def find_by_la_id(
    user: User, la_child_id: str, *, purpose: Purpose = Purpose.VIEW, page: str = ""
) -> Person | None:
    """The person with this Harbour ID if the user may open it for `purpose`, else None."""
    pk = (
        Person.objects.active()
        .filter(la_child_id=(la_child_id or "").strip().upper())
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return None
    try:
        return get_person_for(user, pk, purpose=purpose, page=page)
    except (PermissionDenied, RecordMerged, Http404):
        return None


def person_pk_for_la_id(la_child_id: str) -> int | None:
    """Resolve a Harbour ID to a record key (no record content is read)."""
    return (
        Person.objects.filter(la_child_id=(la_child_id or "").strip().upper())
        .values_list("pk", flat=True)
        .first()
    )


def la_child_ids(person_ids: list[int]) -> dict[int, str]:
    """Harbour IDs for record keys, for listings that name records without opening them."""
    return dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "la_child_id"))


def may_open(user: User, person_id: int) -> bool:
    """Whether `user` could open this record for viewing (for lists; nothing is audited)."""
    person = Person.objects.select_related("restriction").filter(pk=person_id).first()
    return person is not None and decide(user, person, Purpose.VIEW).allowed


def caseload_scope(user: User) -> PersonQuerySet:
    """The records a user answers for, by role: everyone (all teams); a team's currently
    allocated children (team work, e.g. a team manager); else the user's own allocated
    children. Used by pages that list work across children, such as data quality."""
    people = Person.objects.active()
    if user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return people
    today = timezone.localdate()
    current = Q(allocations__start_date__lte=today) & (
        Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=today)
    )
    if user.has_perm(Permission.VIEW_TEAM_WORK.value) and user.team_id:  # type: ignore[attr-defined]
        return people.filter(current, allocations__team_id=user.team_id).distinct()  # type: ignore[attr-defined]
    return people.filter(current, allocations__worker=user).distinct()


def openable_ids(user: User, person_ids: list[int]) -> set[int]:
    """Of these records, those `user` could open for viewing: `decide` for many at once
    (nothing is audited; restricted records the user is not let into are left out)."""
    if not person_ids or not user.is_authenticated or not user.has_perm(Permission.VIEW_PERSON.value):
        return set()
    ids = set(person_ids)
    if user.role_enum in INVOLVEMENT_ONLY_ROLES:
        today = timezone.localdate()
        ids &= set(
            Person.objects.filter(
                Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=today),
                pk__in=ids,
                allocations__worker=user,
                allocations__start_date__lte=today,
            ).values_list("pk", flat=True)
        ) | _granted_ids(user, ids)
    return ids - restricted_from(user, ids)


def restricted_from(user: User | None, person_ids: Iterable[int]) -> set[int]:
    """Of these records, the restricted ones `user` is not let into (not the manager, not
    named, no current break-the-glass grant): a list shows each as "Restricted record".
    With no user (what leaves Harbour, such as a letter to the family), every restricted one."""
    restricted = set(
        RecordRestriction.objects.filter(person_id__in=set(person_ids), active=True).values_list(
            "person_id", flat=True
        )
    )
    if not restricted or user is None:
        return restricted
    let_in = set(
        RecordRestriction.objects.filter(person_id__in=restricted, active=True)
        .filter(Q(manager=user) | Q(named_users=user))
        .values_list("person_id", flat=True)
    ) | set(
        BreakGlassAccess.objects.filter(
            person_id__in=restricted, user=user, expires_at__gt=timezone.now()
        ).values_list("person_id", flat=True)
    )
    return restricted - let_in
