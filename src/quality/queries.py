"""Read models: whom a manager supervises, each worker's supervision against the standard,
directions past their review date, and open actions."""

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.permissions import Permission, Role
from people import access

from . import rules
from .models import (
    CLOSING_OUTCOMES,
    Action,
    ActionStatus,
    CaseAudit,
    CaseDirection,
    DirectionOutcome,
    Grade,
    ProgrammeCase,
    SupervisionSession,
)

PRACTITIONER_ROLES = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def practitioners() -> QuerySet[User]:
    """Who may own an action: active social workers and managers."""
    return User.objects.filter(is_active=True, role__in=[r.value for r in PRACTITIONER_ROLES])


def auditors() -> list[User]:
    """Who audits cases in a programme: the authority's auditors and its team managers."""
    return list(
        User.objects.filter(is_active=True, role__in=[Role.AUDITOR.value, Role.TEAM_MANAGER.value]).order_by(
            "pk"
        )
    )


def supervisees(manager: User) -> QuerySet[User]:
    """The workers a manager supervises: the social workers of the teams they manage (a
    service manager: every social worker and team manager)."""
    workers = User.objects.filter(is_active=True).exclude(pk=manager.pk).select_related("team")
    if manager.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return workers.filter(role__in=[Role.SOCIAL_WORKER.value, Role.TEAM_MANAGER.value])
    return workers.filter(role=Role.SOCIAL_WORKER.value, team__manager=manager)


def last_supervision(workers: Iterable[User], on: date) -> dict[int, date]:
    rows = (
        SupervisionSession.objects.filter(worker__in=list(workers), held_on__lte=on)
        .values("worker_id")
        .annotate(last=Max("held_on"))
    )
    return {row["worker_id"]: row["last"] for row in rows}


def supervision_states(workers: Iterable[User], today: date) -> list[rules.SupervisionState]:
    """Each worker's supervision against the standard in force, overdue first."""
    workers = list(workers)
    standard = rules.standard_on(today)
    last = last_supervision(workers, today)
    states = [rules.supervision_state(w, last.get(w.pk), today, standard) for w in workers]
    return sorted(states, key=lambda s: (not s.overdue, s.due, s.worker.last_name))


class DirectionHistory(TypedDict):
    carried: int
    originally_due: date


if TYPE_CHECKING:  # the stubs are a development dependency
    from django_stubs_ext import WithAnnotations

    OpenDirection = WithAnnotations[CaseDirection, DirectionHistory]


def open_directions() -> "QuerySet[OpenDirection]":
    """Directions not yet closed by a supervision's review (done or no longer needed), each
    with `carried` (how many times carried over) and `originally_due` (its first review date)."""
    return CaseDirection.objects.exclude(reviews__outcome__in=CLOSING_OUTCOMES).annotate(
        carried=Count("reviews", filter=Q(reviews__outcome=DirectionOutcome.CARRIED)),
        originally_due=Coalesce(Min("reviews__previous_review_on"), "review_on"),
    )


def directions_to_review(worker: User, held_on: date) -> "list[OpenDirection]":
    """The worker's open directions given by the day of a supervision on `held_on`: each must
    be reviewed in it."""
    return list(
        open_directions()
        .filter(worker=worker, given_on__lte=held_on)
        .select_related("person")
        .order_by("given_on", "pk")
    )


def overdue_directions(supervisor: User, today: date) -> "QuerySet[OpenDirection]":
    """The supervisor's open directions past their review date."""
    return (
        open_directions()
        .filter(given_by=supervisor, review_on__lt=today)
        .select_related("person", "worker")
        .order_by("review_on")
    )


def carried_directions(workers: Iterable[User]) -> "QuerySet[OpenDirection]":
    """The workers' open directions carried over at least once, most carried first."""
    return (
        open_directions()
        .filter(worker__in=list(workers), carried__gt=0)
        .select_related("person", "worker")
        .order_by("-carried", "originally_due")
    )


def direction_counts(workers: Iterable[User], today: date) -> dict[int, dict[str, int]]:
    """For each worker: open directions, those past review, and those drifting (carried over
    as often as the standard allows)."""
    standard = rules.standard_on(today)
    counts: dict[int, dict[str, int]] = {}
    rows = open_directions().filter(worker__in=list(workers)).values_list("worker_id", "review_on", "carried")
    for worker_id, review_on, carried in rows:
        row = counts.setdefault(worker_id, {"open": 0, "overdue": 0, "drifting": 0})
        row["open"] += 1
        row["overdue"] += review_on < today
        row["drifting"] += rules.drifting(carried, standard)
    return counts


def audits_awaited(person_ids: Collection[int]) -> QuerySet[ProgrammeCase]:
    """The children's places in audit programmes whose audit is not yet done: their worker and
    manager are invited to take part."""
    return ProgrammeCase.objects.filter(person_id__in=person_ids, audit__isnull=True).select_related(
        "programme", "auditor"
    )


def audits_asked_of(user: User, today: date) -> QuerySet[ProgrammeCase]:
    """The sampled children whose audit is not yet done and is this user's to do: as the
    case's assigned auditor (until done, overdue once the programme's month is over), or as a
    partner auditor of the programme while an access grant to the child's record is in force
    (the grants the access door honours, given to the month's end when the programme is drawn)."""
    granted = access.grants_in_force(user, today).filter(person_id=OuterRef("person_id"))
    return (
        ProgrammeCase.objects.filter(audit__isnull=True, programme__month__lte=today)
        .filter(Q(auditor=user) | (Q(programme__partner_auditors=user) & Exists(granted)))
        .select_related("programme")
        .distinct()
        .order_by("programme__month", "pk")
    )


def open_actions(**where: object) -> QuerySet[Action]:
    """Actions neither done nor withdrawn."""
    return Action.objects.filter(status=ActionStatus.OPEN, **where).select_related("person", "owner")


def sessions_for(user: User) -> QuerySet[SupervisionSession]:
    """The sessions a user may open: their own, those they gave, those of the teams they manage
    (a service manager: all)."""
    sessions = SupervisionSession.objects.select_related("worker", "supervisor")
    if user.role == Role.SERVICE_MANAGER:
        return sessions
    return sessions.filter(Q(worker=user) | Q(supervisor=user) | Q(worker__team__manager=user))


def grades_by_team(start: date, end: date) -> list[tuple[str, list[int]]]:
    """For each team, how many audits in the period were given each grade (in `Grade`'s order;
    the moderated grade where there is one, else the auditor's)."""
    counts: dict[str, list[int]] = {}
    order = list(Grade.values)
    for audit in CaseAudit.objects.filter(audited_on__range=(start, end)).select_related(
        "team", "moderation"
    ):
        moderation = getattr(audit, "moderation", None)
        grade = moderation.agreed_grade if moderation else audit.grade
        row = counts.setdefault(audit.team.name if audit.team else "No team", [0] * len(order))
        row[order.index(grade)] += 1
    return sorted(counts.items())
