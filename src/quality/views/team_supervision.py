"""Supervision by team: every team's figures (a manager's own teams), and a team's workers
by name for its manager and service managers."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.decorators import requires
from accounts.models import Team
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest
from workforce.queries import teams_for

from .. import rules
from ..team_supervision import may_see_workers_of, team_rows


@requires(Permission.VIEW_SUPERVISION_BY_TEAM)
def teams(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [row for row in team_rows(list(teams_for(request.user)), today) if row.workers]
    return render(
        request,
        "quality/supervision_teams.jinja",
        {
            "rows": rows,
            "standard": rules.standard_on(today),
            "nav_key": "supervision_by_team",
        },
    )


@requires(Permission.VIEW_SUPERVISION_BY_TEAM)
def team(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    """A team's workers against the standard, overdue first, with their directions; for
    those who see its figures only (performance staff), the team's totals."""
    chosen = get_object_or_404(Team, pk=team_id, is_active=True)
    named = may_see_workers_of(request.user, chosen)
    if not named and not teams_for(request.user).filter(pk=chosen.pk).exists():
        raise PermissionDenied("Not a team whose supervision you see")
    today = timezone.localdate()
    [row] = team_rows([chosen], today)
    return render(
        request,
        "quality/supervision_team.jinja",
        {
            "row": row,
            "named": named,
            "standard": rules.standard_on(today),
            "today": today,
            "nav_key": "supervision_by_team",
        },
    )
