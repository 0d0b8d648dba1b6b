"""The authority's standards applied: pure functions over recorded dates, and who may read a
supervision's private discussion. Nothing here writes."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from accounts.permissions import Permission, Role
from timescales import add_months

from .models import DirectionOutcome, Standard, SupervisionSession

if TYPE_CHECKING:
    from accounts.models import User

DEFAULT = Standard(in_force_from=date(2000, 1, 1))


def standard_on(day: date) -> Standard:
    """The standard in force on `day` (the defaults when the authority has recorded none)."""
    return Standard.objects.filter(in_force_from__lte=day).order_by("-in_force_from").first() or DEFAULT


def newly_qualified_on(worker: "User", day: date, standard: Standard) -> bool:
    """A newly qualified worker in their first months in post (from the day they joined)."""
    started = worker.date_joined.date()
    return worker.newly_qualified and day < add_months(started, standard.newly_qualified_months)


def supervision_interval(worker: "User", day: date, standard: Standard) -> int:
    """Most days allowed after a supervision on `day` before the next."""
    if newly_qualified_on(worker, day, standard):
        return standard.newly_qualified_supervision_days
    return standard.supervision_days


def supervision_due(worker: "User", last: date | None, standard: Standard) -> date:
    """When the worker's next supervision is due: the interval after the last one, or after
    they joined when they have had none."""
    start = last or worker.date_joined.date()
    return start + timedelta(days=supervision_interval(worker, start, standard))


@dataclass(frozen=True)
class SupervisionState:
    worker: "User"
    last: date | None
    due: date
    overdue: bool


def supervision_state(worker: "User", last: date | None, today: date, standard: Standard) -> SupervisionState:
    due = supervision_due(worker, last, standard)
    return SupervisionState(worker=worker, last=last, due=due, overdue=due < today)


def programme_ends_on(month: date) -> date:
    """The last day of an audit programme's month (`month`: any day in it). The programme's
    audits are due by then, and its partner auditors' access to the sampled children's
    records lasts until then."""
    return add_months(month.replace(day=1), 1) - timedelta(days=1)


def oversight_due(last: date, on_cp_plan: bool, standard: Standard) -> date:
    """When a child's next management oversight is due after the last (or after allocation)."""
    months = standard.cp_oversight_months if on_cp_plan else standard.oversight_months
    return add_months(last, months)


def review_key(direction_pk: int) -> str:
    """The prefix of the fields reviewing a direction in supervision (the form's and the errors')."""
    return f"review_{direction_pk}"


def direction_review_errors(
    key: str, outcome: str, note: str, next_review_on: date | None, held_on: date
) -> dict[str, str]:
    """What is wrong with a supervision's review of an open case direction (`key` prefixes the
    field names): an outcome is needed; carried over needs a new review date after the
    supervision; carried over and no longer needed need a note saying why."""
    errors: dict[str, str] = {}
    if outcome not in DirectionOutcome.values:
        return {f"{key}_outcome": "Select what became of the direction"}
    if outcome == DirectionOutcome.CARRIED:
        if next_review_on is None:
            errors[f"{key}_next_review_on"] = "Enter the new review date for the direction carried over"
        elif next_review_on <= held_on:
            errors[f"{key}_next_review_on"] = "The new review date must be after the supervision"
    elif next_review_on is not None:
        errors[f"{key}_next_review_on"] = "Give a new review date only for a direction carried over"
    if outcome != DirectionOutcome.DONE and not note.strip():
        errors[f"{key}_note"] = "Enter why the direction is carried over or no longer needed"
    return errors


def drifting(carried: int, standard: Standard) -> bool:
    """A direction carried over as many times as the standard allows is drift."""
    return carried >= standard.direction_drift_carries


def may_see_supervision_of(user: "User", worker: "User") -> bool:
    """Whose supervision record a user may open: their own, their team's workers as its
    manager, those they have supervised, and everyone's with the view of all teams."""
    if worker.pk == user.pk or user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return True
    if worker.team is not None and worker.team.manager_id == user.pk:
        return True
    return SupervisionSession.objects.filter(worker=worker, supervisor=user).exists()


def may_read_reflective(user: "User", session: SupervisionSession) -> bool:
    """The reflective and wellbeing discussion is private to the worker, the supervisor, the
    manager of the worker's team and service managers."""
    if user.pk in (session.worker_id, session.supervisor_id):
        return True
    if user.role == Role.SERVICE_MANAGER:
        return True
    team = session.worker.team
    return team is not None and team.manager_id == user.pk


@dataclass(frozen=True)
class WorkforceRates:
    """A team's (or the authority's) establishment as the workforce measures read it: a
    vacancy is a post not filled by permanent staff (covered by an agency worker or not)."""

    vacancies: Decimal
    vacancy_rate: Decimal | None  # vacancies as a percentage of posts
    agency_rate: Decimal | None  # agency workers as a percentage of the staff in post
    turnover: Decimal | None  # leavers as a percentage of the permanent staff


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class WorkforceShares:
    """Each workforce rate as its part and its whole (full time equivalents; leavers as a
    head count), so that teams' figures add up to the authority's before the rate is taken."""

    vacancy: tuple[Decimal, Decimal]  # vacancies, posts
    agency: tuple[Decimal, Decimal]  # agency workers, staff in post (permanent and agency)
    turnover: tuple[Decimal, Decimal]  # leavers, permanent staff


def workforce_shares(posts: Decimal, permanent: Decimal, agency: Decimal, leavers: int) -> WorkforceShares:
    return WorkforceShares(
        vacancy=(max(posts - permanent, Decimal(0)), posts),
        agency=(agency, permanent + agency),
        turnover=(Decimal(leavers), permanent),
    )


def workforce_rates(posts: Decimal, permanent: Decimal, agency: Decimal, leavers: int) -> WorkforceRates:
    shares = workforce_shares(posts, permanent, agency, leavers)
    return WorkforceRates(
        vacancies=shares.vacancy[0],
        vacancy_rate=_percent(*shares.vacancy),
        agency_rate=_percent(*shares.agency),
        turnover=_percent(*shares.turnover),
    )
