"""My work, the list of teams, and allocating a worker to a child. The team page and its
lists are in `workforce.views.team`."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.models import Team, User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.worklist import asked_of, children_held_by, named, open_work_by_stage, visible_to, work_items
from people.access import Purpose, restricted_from
from people.decorators import with_person
from people.models import Person

from .. import queries, services
from ..forms import AllocateForm
from .team import (
    team_caseload,
    team_detail,
    team_overdue,
    team_sign_offs,
    team_waiting,
    teams,
    teams_for,
)

__all__ = [
    "allocate",
    "my_work",
    "team_caseload",
    "team_detail",
    "team_overdue",
    "team_sign_offs",
    "team_waiting",
    "teams",
]


@requires(Permission.VIEW_OWN_WORK)
def my_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's children and the work due for them; an IRO's or chair's holds only the
    children they review and the work of their role (`queries.own_work`)."""
    user = request.user
    caseload = list(queries.own_caseload(user))
    today = timezone.localdate()
    # The children the user holds without an allocation (an early help episode's worker).
    held = set() if user.role in queries.REVIEWING_ROLES else children_held_by(user, today)
    held -= {a.person_id for a in caseload}
    # Work asked of the user by name about children they need not hold (a case audit to do).
    asked = visible_to(user, asked_of(user, today))
    others = {i.person_id for i in asked} - held - {a.person_id for a in caseload}
    hidden = restricted_from(user, [a.person_id for a in caseload] + list(held) + list(others))
    names = queries.child_names(caseload, hidden) | queries.names_of(held, hidden)
    items = queries.own_work(
        user, visible_to(user, work_items(set(names), today, names=names, unnamed=hidden))
    )
    items = named(items + asked, names | queries.names_of(others, hidden), hidden)
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


def _allocating_team(request: AuthenticatedHttpRequest) -> Team | None:
    """The team whose workers the allocation page offers first: the one it was opened from
    (`?team=`, a team the user may see), else the team the user manages or works in."""
    user: User = request.user
    asked = request.GET.get("team", "")
    if asked.isdigit():
        team = next((t for t in teams_for(user) if t.pk == int(asked)), None)
        if team is not None:
            return team
    managed = Team.objects.filter(manager=user, is_active=True).order_by("name").first()
    return managed or (user.team if user.team_id and user.team.is_active else None)  # type: ignore[union-attr]


def _open_work(user: User, person: Person) -> dict[str, Any]:
    """What the allocation page shows of the child's open work: the stages it is open in,
    since when, and the work due."""
    today = timezone.localdate()
    stages = open_work_by_stage(today).get(person.pk, {})
    names = {person.pk: person.display_name}
    return {
        "open_stages": sorted(stages.items(), key=lambda s: s[1]),
        "open_items": visible_to(user, work_items({person.pk}, today, names=names)),
        "today": today,
    }


@requires(Permission.ALLOCATE_CHILD)
@with_person(Purpose.ALLOCATE, page="Allocate")
@require_http_methods(["GET", "POST"])
def allocate(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    team = _allocating_team(request)
    return form_page(
        request,
        AllocateForm(request.POST or None, team=team),
        lambda data: services.allocate(actor=request.user, person=person, **data),
        title="Allocate a worker",
        person=person,
        success="Worker allocated",
        template="workforce/allocate.jinja",
        context=lambda: {"allocating_team": team, **_open_work(request.user, person)},
    )
