"""Supervision pages: the manager's list of supervisees against the standard, a worker's
sessions (the private discussion only to those who may read it), recording a session and the
directions for the children discussed, and marking actions done or withdrawing them."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url
from people.access import Purpose, openable_ids
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view
from workforce.queries import caseload_for

from .. import forms as f
from .. import queries, rules, services
from ..models import Action, CaseDirection, Standard

if TYPE_CHECKING:
    from ..queries import OpenDirection


def _carried_rows(
    carried: Iterable["OpenDirection"], seen: set[int], standard: Standard
) -> list[dict[str, Any]]:
    """The directions carried over as listed: each with whether its child may be opened and
    whether it is drift by the standard."""
    return [
        {"obj": d, "seen": d.person_id in seen, "drift": rules.drifting(d.carried, standard)} for d in carried
    ]


@requires(Permission.VIEW_SUPERVISION)
def supervision(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A manager's supervisees against the standard, with each one's open, overdue and
    drifting case directions, and the directions carried over; a worker's own supervision
    and their directions carried over."""
    today = timezone.localdate()
    user = request.user
    managing = user.has_perm(Permission.RECORD_SUPERVISION.value)
    workers = list(queries.supervisees(user)) if managing else []
    overdue = list(queries.overdue_directions(user, today)) if managing else []
    carried = list(queries.carried_directions(workers if managing else [user]))
    seen = openable_ids(user, [d.person_id for d in overdue + carried])
    standard = rules.standard_on(today)
    return render(
        request,
        "quality/supervision.jinja",
        {
            "managing": managing,
            "states": queries.supervision_states(workers, today),
            "counts": queries.direction_counts(workers, today),
            "own": queries.supervision_states([user], today)[0],
            "overdue_directions": [d for d in overdue if d.person_id in seen],
            "carried": _carried_rows(carried, seen, standard),
            "standard": standard,
            "today": today,
            "nav_key": "supervision",
        },
    )


def _visible_worker(user: User, user_id: int) -> User:
    worker = get_object_or_404(User, pk=user_id)
    if not rules.may_see_supervision_of(user, worker):
        raise PermissionDenied("Not a worker you supervise")
    return worker


@requires(Permission.VIEW_SUPERVISION)
def worker_supervision(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    """A worker's supervision sessions, newest first, with the directions given; the
    reflective and wellbeing discussion only for those who may read it."""
    worker = _visible_worker(request.user, user_id)
    today = timezone.localdate()
    sessions = list(
        queries.sessions_for(request.user)
        .filter(worker=worker)
        .prefetch_related(
            "directions__person",
            "directions__actions__owner",
            "directions__reviews__session",
            "direction_reviews__direction__person",
        )
    )
    caseload = list(caseload_for(worker))
    carried = list(queries.carried_directions([worker]))
    seen = openable_ids(
        request.user,
        [a.person_id for a in caseload]
        + [d.person_id for d in carried]
        + [d.person_id for s in sessions for d in s.directions.all()],
    )
    standard = rules.standard_on(today)
    return render(
        request,
        "quality/worker.jinja",
        {
            "worker": worker,
            "state": queries.supervision_states([worker], today)[0],
            "sessions": [{"obj": s, "private": rules.may_read_reflective(request.user, s)} for s in sessions],
            "caseload": [a for a in caseload if a.person_id in seen],
            "carried": _carried_rows(carried, seen, standard),
            "seen": seen,
            "today": today,
            "nav_key": "supervision",
        },
    )


def _chosen(request: AuthenticatedHttpRequest, workers: QuerySet[User]) -> User | None:
    """The worker the session is for: as posted, else as linked (`?worker=`)."""
    key = request.POST.get("worker") or request.GET.get("worker", "")
    return workers.filter(pk=int(key)).first() if key.isdigit() else None


@requires(Permission.RECORD_SUPERVISION)
@require_http_methods(["GET", "POST"])
def new_session(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record a supervision, reviewing each of the worker's open case directions (listed once
    the worker is chosen: linked with `?worker=`, or after the first save)."""
    today = timezone.localdate()
    workers = queries.supervisees(request.user)
    worker = _chosen(request, workers)
    open_ = queries.directions_to_review(worker, today) if worker else []
    seen = openable_ids(request.user, [d.person_id for d in open_])
    directions = [(rules.review_key(d.pk), _called(d, d.person_id in seen), _asked(d)) for d in open_]
    form = f.SupervisionForm(
        request.POST or None,
        workers=workers,
        directions=directions,
        initial={"worker": worker.pk} if worker else None,
    )
    by_key = {rules.review_key(d.pk): d for d in open_}
    return form_page(
        request,
        form,
        lambda d: services.record_supervision(actor=request.user, **form.service_data(d, by_key)),
        title="Record supervision",
        success="Supervision recorded. Record a direction for each child discussed.",
        next_url=lambda s: url("quality:worker", s.worker_id),
        template="quality/supervision_form.jinja",
        context={"reviewing": bool(open_), "worker": worker},
    )


def _called(direction: CaseDirection, openable: bool) -> str:
    child = direction.person.display_name if openable else "a child with a restricted record"
    return f"{child} (given {direction.given_on:%-d %B %Y})"


def _asked(direction: CaseDirection) -> str:
    carried = getattr(direction, "carried", 0)
    history = (
        f" Carried over {carried} time{'s' if carried > 1 else ''}, first due "
        f"{direction.originally_due:%-d %B %Y}."  # type: ignore[attr-defined]
        if carried
        else ""
    )
    return f"{direction.objectives[:300]} Review due {direction.review_on:%-d %B %Y}.{history}"


@requires(Permission.RECORD_SUPERVISION)
@with_person(Purpose.EDIT, page="Case direction")
@require_http_methods(["GET", "POST"])
def new_direction(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """A direction for a child discussed in the supervision named by `?session=`."""
    key = request.GET.get("session", "")
    session = queries.sessions_for(request.user).filter(pk=int(key)).first() if key.isdigit() else None
    if session is None:
        messages.info(request, "Record a case direction from the supervision it was given in")
        return redirect("quality:supervision")
    return form_page(
        request,
        f.DirectionForm(request.POST or None, owners=queries.practitioners()),
        lambda d: services.record_case_direction(
            actor=request.user, session=session, person=person, **f.with_actions(d)
        ),
        title="Record a case direction",
        person=person,
        success="Case direction recorded",
        next_url=url("quality:worker", session.worker_id),
        context={"session": session},
    )


complete_action = form_view(
    Permission.COMPLETE_QUALITY_ACTION,
    with_record(Action, Purpose.EDIT, page="Action", kwarg="action_id"),
    f.CompleteActionForm,
    services.complete_action,
    record="action",
    title=lambda action: f"Mark done: {action.description}",
    success="Action marked done",
    initial=lambda _: {"done_on": timezone.localdate()},
)

# A manager withdraws an open action that is no longer wanted, saying why.
withdraw_action = form_view(
    Permission.WITHDRAW_QUALITY_ACTION,
    with_record(Action, Purpose.EDIT, page="Action", kwarg="action_id"),
    f.WithdrawActionForm,
    services.withdraw_action,
    record="action",
    title=lambda action: f"Withdraw: {action.description}",
    success="Action withdrawn",
    initial=lambda _: {"withdrawn_on": timezone.localdate()},
)
