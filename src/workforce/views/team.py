"""The team page, a summary a team manager starts the day with, and the lists each of its
figures opens: the team's overdue work, decisions awaiting sign-off, children waiting for a
worker and the caseload. Lists are paged on the server and filtered by the query string, so
every one works without JavaScript."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from accounts.decorators import requires
from accounts.models import Team, User
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest

from ..queries import teams_for
from ..team_work import Tally, TeamWork, case_holders, team_work, waiting_children, worker_rows

PAGE_SIZE = 25
SUMMARY_ROWS = 5  # the longest-waiting children shown on the summary
T = TypeVar("T")


def _team(user: User, team_id: int) -> Team:
    team = next((t for t in teams_for(user) if t.pk == team_id), None)
    if team is None:
        if Team.objects.filter(pk=team_id).exists():
            raise PermissionDenied("Not your team")
        raise Http404("No such team")
    return team


def _page(request: AuthenticatedHttpRequest, rows: Sequence[T]) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _filters(request: AuthenticatedHttpRequest, *names: str) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip()[:40] for name in names}


def _keep(filters: dict[str, str]) -> str:
    """The filters as a query string for the page links (empty ones left out)."""
    kept = {k: v for k, v in filters.items() if v}
    return urlencode(kept) + "&" if kept else ""


def _label(tallies: list[Tally], key: str) -> str:
    return next((t.label for t in tallies if t.key == key), "")


@requires(Permission.VIEW_TEAM_WORK)
def teams(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "workforce/teams.jinja", {"teams": teams_for(request.user), "nav_key": "teams"})


@requires(Permission.VIEW_TEAM_WORK)
def team_detail(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    team = _team(request.user, team_id)
    today = timezone.localdate()
    work = team_work(request.user, team, today)
    workers = worker_rows(work)
    waiting = waiting_children(request.user, today)
    overdue = work.overdue
    return render(
        request,
        "workforce/team_detail.jinja",
        {
            "team": team,
            "today": today,
            "children": len({a.person_id for a in work.caseload}),
            "overdue_count": len(overdue),
            "overdue_by_kind": work.by_kind(overdue),
            "overdue_by_worker": work.by_worker(overdue, [r.worker for r in workers]),
            "sign_offs": work.sign_offs,
            "sign_offs_by_kind": work.by_kind(work.sign_offs),
            "sign_offs_by_worker": work.by_worker(work.sign_offs, [r.worker for r in workers]),
            "waiting": waiting[:SUMMARY_ROWS],  # named and aged: only these
            "waiting_count": len(waiting),
            "workers": workers,
            "over_threshold": [r for r in workers if r.over_threshold],
            "newly_qualified": [r for r in workers if r.worker.newly_qualified],
            "nav_key": "teams",
        },
    )


def _list(
    request: AuthenticatedHttpRequest,
    team: Team,
    work: TeamWork,
    template: str,
    rows: Sequence[Any],
    filters: dict[str, str],
    **context: Any,
) -> HttpResponse:
    page = _page(request, rows)
    return render(
        request,
        template,
        {
            "team": team,
            "today": work.today,
            "page_obj": page,
            "rows": list(page),
            "total": len(rows),
            "filters": filters,
            "keep": _keep(filters),
            "restricted": work.restricted,
            "nav_key": "teams",
            **context,
        },
    )


def _items_list(request: AuthenticatedHttpRequest, team_id: int, part: str, template: str) -> HttpResponse:
    """A list of the team's work items (`part` of the team's work: `overdue`, `sign_offs`),
    filtered by kind and worker, with the counts of each to filter by."""
    team = _team(request.user, team_id)
    work = team_work(request.user, team, timezone.localdate())
    filters = _filters(request, "kind", "worker")
    items = getattr(work, part)
    kinds = work.by_kind(items)
    workers = work.by_worker(items, case_holders(team))
    return _list(
        request,
        team,
        work,
        template,
        work.filtered(items, **filters),
        filters,
        kinds=kinds,
        workers=workers,
        kind_label=_label(kinds, filters["kind"]),
        worker_label=_label(workers, filters["worker"]),
    )


@requires(Permission.VIEW_TEAM_WORK)
def team_overdue(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    return _items_list(request, team_id, "overdue", "workforce/team_overdue.jinja")


@requires(Permission.VIEW_TEAM_WORK)
def team_sign_offs(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    return _items_list(request, team_id, "sign_offs", "workforce/team_sign_offs.jinja")


@requires(Permission.VIEW_TEAM_WORK)
def team_waiting(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    team = _team(request.user, team_id)
    today = timezone.localdate()
    waiting = waiting_children(request.user, today)
    page = Paginator(list(waiting.since), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workforce/team_waiting.jinja",
        {
            "team": team,
            "today": today,
            "page_obj": page,
            "rows": waiting.rows(list(page)),
            "total": len(waiting),
            "keep": "",
            "nav_key": "teams",
        },
    )


@requires(Permission.VIEW_TEAM_WORK)
def team_caseload(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    team = _team(request.user, team_id)
    work = team_work(request.user, team, timezone.localdate(), with_items=False)
    filters = _filters(request, "worker")
    workers = work.caseload_by_worker()
    rows = [a for a in work.caseload if not filters["worker"] or str(a.worker_id) == filters["worker"]]
    return _list(
        request,
        team,
        work,
        "workforce/team_caseload.jinja",
        rows,
        filters,
        workers=workers,
        worker_label=_label(workers, filters["worker"]),
    )
