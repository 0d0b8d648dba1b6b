"""Lists across children in care: the team's children, the IRO caseloads, and the health and
virtual school work due."""

from collections.abc import Collection
from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission, Role
from core.http import AuthenticatedHttpRequest
from people.access import Purpose, decide
from workforce.models import Allocation, AllocationRole
from workforce.queries import caseload_for, caseload_sizes

from ..models import LACReview, PeriodOfCare
from ..queries import EDUCATION, HEALTH, CareSummary, summaries


def _visible_summaries(user: User, person_ids: Collection[int], today: date) -> dict[int, CareSummary]:
    """The care summaries of these children, leaving out any the user may not open."""
    found = summaries(person_ids, today)
    return {pid: s for pid, s in found.items() if decide(user, s.person, Purpose.VIEW).allowed}


def _open_period_ids() -> set[int]:
    return set(PeriodOfCare.objects.filter(end_date__isnull=True).values_list("person_id", flat=True))


@requires(Permission.VIEW_CARE)
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The children in care allocated to the user's team (every team's, for those who see all)."""
    today = timezone.localdate()
    user = request.user
    allocations = Allocation.objects.current(today).filter(person_id__in=_open_period_ids())
    if not user.has_perm(Permission.VIEW_ALL_TEAMS.value):
        allocations = (
            allocations.filter(team_id=user.team_id) if user.team_id else allocations.filter(worker=user)
        )
    found = _visible_summaries(user, set(allocations.values_list("person_id", flat=True)), today)
    rows = sorted(found.values(), key=lambda s: s.person.family_name)
    return render(
        request,
        "looked_after/team.jinja",
        {"rows": rows, "today": today, "now": timezone.now(), "nav_key": "children_in_care"},
    )


@requires(Permission.VIEW_IRO_CASELOAD)
def iro(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every IRO's caseload figure, and the review schedule (an IRO's own, else everyone's).
    The figures are `workforce.queries.caseload_sizes`, the same count as each IRO's My work;
    the schedule lists the children in care the reader may open, and says how many of the
    caseload it leaves out and why."""
    today = timezone.localdate()
    user = request.user
    sizes = caseload_sizes(AllocationRole.IRO, today)
    iros = User.objects.in_bulk(list(sizes))
    loads = sorted(
        ((iros[pk], n) for pk, n in sizes.items() if pk in iros),
        key=lambda load: (load[0].last_name, load[0].first_name),
    )
    mine = user.role == Role.IRO.value
    caseload = (
        caseload_for(user, today, role=AllocationRole.IRO)
        if mine
        else Allocation.objects.current(today).filter(role=AllocationRole.IRO, person__record_status="ACTIVE")
    )
    ids = set(caseload.values_list("person_id", flat=True))
    in_care = summaries(ids, today)
    found = {pid: s for pid, s in in_care.items() if decide(user, s.person, Purpose.VIEW).allowed}
    rows = sorted(found.values(), key=lambda s: s.next_review.due if s.next_review else today)
    recent = (
        LACReview.objects.filter(person_id__in=set(found)).select_related("iro").order_by("-held_on")[:20]
    )
    return render(
        request,
        "looked_after/iro.jinja",
        {
            "loads": loads,
            "rows": rows,
            "mine": mine,
            "caseload_size": len(ids),
            "left_care": len(ids) - len(in_care),
            "not_openable": len(in_care) - len(found),
            "today": today,
            "recent": recent,
            "nav_key": "children_in_care",
        },
    )


def _area_page(request: AuthenticatedHttpRequest, area: str, title: str) -> HttpResponse:
    today = timezone.localdate()
    found = _visible_summaries(request.user, _open_period_ids(), today)
    items = sorted(
        ((s, i) for s in found.values() for i in s.items if i.area == area), key=lambda pair: pair[1].due
    )
    return render(
        request,
        "looked_after/area.jinja",
        {"items": items, "title": title, "area": area, "today": today, "nav_key": "children_in_care"},
    )


@requires(Permission.VIEW_VIRTUAL_SCHOOL)
def virtual_school(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area_page(request, EDUCATION, "Virtual school: personal education plans due")


@requires(Permission.VIEW_LAC_HEALTH)
def health(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area_page(request, HEALTH, "Looked-after children's health: assessments due")
