from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import requires
from accounts.models import Team
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest
from core.worklist import awaiting_sign_off, visible_to, work_items
from people.access import Purpose, la_child_ids, may_open, restricted_from
from people.decorators import with_person
from people.pages import form_view

from . import queries, services
from .forms import AllocateForm
from .queries import unallocated_children


@requires(Permission.VIEW_OWN_WORK)
def my_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's children and the work due for them; an IRO's or chair's holds only the
    children they review and the work of their role (`queries.own_work`)."""
    user = request.user
    caseload = list(queries.own_caseload(user))
    today = timezone.localdate()
    hidden = restricted_from(user, [a.person_id for a in caseload])
    names = queries.child_names(caseload, hidden)
    items = queries.own_work(
        user, visible_to(user, work_items(set(names), today, names=names, unnamed=hidden))
    )
    return render(
        request,
        "workforce/my_work.jinja",
        {
            "caseload": caseload,
            "children": queries.children_in(caseload),
            "reviewing": queries.REVIEWING_ROLES.get(user.role, ""),
            "restricted": hidden,
            "items": items,
            "today": today,
            "nav_key": "my_work",
        },
    )


def _teams_for(user: Any) -> list[Team]:
    teams = Team.objects.filter(is_active=True).select_related("manager")
    if user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        return list(teams)
    return [t for t in teams if t.manager_id == user.pk or t.pk == user.team_id]


def _openable(user: Any, waiting: Mapping[int, date], today: date) -> list[dict[str, Any]]:
    """Unallocated children the user may open, as (id, Harbour ID, days waiting) rows: lists
    never reveal restricted records' details."""
    ids = la_child_ids(list(waiting))
    return [
        {"person_id": pk, "la_child_id": ids[pk], "days_waiting": (today - since).days}
        for pk, since in waiting.items()
        if pk in ids and may_open(user, pk)
    ]


@requires(Permission.VIEW_TEAM_WORK)
def teams(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "workforce/teams.jinja", {"teams": _teams_for(request.user), "nav_key": "teams"})


@requires(Permission.VIEW_TEAM_WORK)
def team_detail(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    team = next((t for t in _teams_for(request.user) if t.pk == team_id), None)
    if team is None:
        if Team.objects.filter(pk=team_id).exists():
            raise PermissionDenied("Not your team")
        raise Http404("No such team")
    caseload = list(queries.team_caseload(team))
    hidden = restricted_from(request.user, [a.person_id for a in caseload])
    names = queries.child_names(caseload, hidden)
    today = timezone.localdate()
    return render(
        request,
        "workforce/team_detail.jinja",
        {
            "team": team,
            "workers": queries.team_workers(team),
            "caseload": caseload,
            "restricted": hidden,
            "items": [
                i
                for i in visible_to(request.user, work_items(set(names), today, names=names, unnamed=hidden))
                if i.is_overdue(today)
            ],
            "sign_offs": awaiting_sign_off(set(names), today, names=names, unnamed=hidden),
            "unallocated": _openable(request.user, unallocated_children(today), today),
            "today": today,
            "nav_key": "teams",
        },
    )


allocate = form_view(
    Permission.ALLOCATE_CHILD,
    with_person(Purpose.ALLOCATE, page="Allocate"),
    AllocateForm,
    services.allocate,
    title="Allocate a worker",
    success="Worker allocated",
)
