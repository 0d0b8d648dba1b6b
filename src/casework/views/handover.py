"""Drafts left by leavers: a manager sees the draft case notes of workers who have left, and
hands each leaver's drafts to a worker who is still here (`services.hand_over_drafts`)."""

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from workforce.queries import teams_for

from .. import services
from ..access import may_hand_over, may_take_drafts
from ..forms import HandOverForm
from ..queries import drafts_left


@requires(Permission.HAND_OVER_DRAFTS)
@require_GET
def drafts_left_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "casework/drafts_left.jinja",
        {"leavers": drafts_left(request.user), "nav_key": "drafts_left"},
    )


def _workers(manager: User, departed: User) -> list[tuple[str, str]]:
    """Who may take the drafts: active workers who record case notes, in the leaver's team
    first, then the other teams the manager sees."""
    teams = list(teams_for(manager).values_list("pk", flat=True))
    here = [u for u in User.objects.filter(team_id__in=teams) if may_take_drafts(u, departed)]
    ordered = sorted(here, key=lambda u: (u.team_id != departed.team_id, u.last_name, u.first_name))
    return [(str(u.pk), f"{u.display_name} ({u.role_label})") for u in ordered]


@requires(Permission.HAND_OVER_DRAFTS)
@require_http_methods(["GET", "POST"])
def hand_over(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    departed = get_object_or_404(User, pk=user_id)
    if not may_hand_over(request.user, departed):
        raise Http404("No such leaver in the teams you see")
    leaver = next((d for d in drafts_left(request.user) if d.worker.pk == departed.pk), None)
    workers = _workers(request.user, departed)
    form = HandOverForm(request.POST or None, workers=workers)

    def hand(data: dict[str, Any]) -> list[Any]:
        to = User.objects.get(pk=int(data["to"]))
        return services.hand_over_drafts(actor=request.user, departed=departed, to=to, reason=data["reason"])

    back = reverse("casework:drafts_left")
    return form_page(
        request,
        form,
        hand,
        title=f"Hand over the drafts {departed.display_name} left",
        success=lambda notes: f"{len(notes)} draft case note{'' if len(notes) == 1 else 's'} handed over",
        next_url=back,
        template="casework/hand_over.jinja",
        back=back,
        context={"departed": departed, "notes": leaver.notes if leaver else [], "nav_key": "drafts_left"},
    )
