"""Workload: each team's workers with their caseloads, counted and weighted, against the
authority's thresholds, and each manager's span of control."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import requires
from accounts.models import Team
from accounts.permissions import Permission, Role
from core.http import AuthenticatedHttpRequest
from workforce.queries import social_workers

from .. import rules
from ..workload import KIND_LABELS, caseloads


@requires(Permission.VIEW_QUALITY)
def workload(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    teams = Team.objects.filter(is_active=True).select_related("manager")
    if request.user.role == Role.TEAM_MANAGER:
        teams = teams.filter(manager=request.user)
    rows = []
    for team in teams:
        workers = social_workers(today, teams=[team])
        loads = caseloads(workers, today)
        if loads:
            rows.append({"team": team, "loads": loads, "span": len(loads)})
    return render(
        request,
        "quality/workload.jinja",
        {
            "teams": rows,
            "kinds": KIND_LABELS,
            "standard": rules.standard_on(today),
            "nav_key": "workload",
        },
    )
