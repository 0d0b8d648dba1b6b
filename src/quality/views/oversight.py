"""Recording management oversight on a child's record, and reading every case direction and
oversight record of the child in full, a page at a time."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person

from .. import forms as f
from .. import queries, services
from ..models import Action, CaseDirection, Oversight, OversightPoint

PAGE_SIZE = 10


@requires(Permission.RECORD_MANAGEMENT_DECISION)
@with_person(Purpose.EDIT, page="Management oversight")
@require_http_methods(["GET", "POST"])
def new_oversight(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    point = request.GET.get("point", "")
    return form_page(
        request,
        f.OversightForm(
            request.POST or None,
            owners=queries.practitioners(),
            initial={"point": point} if point in OversightPoint.values else None,
        ),
        lambda d: services.record_oversight(actor=request.user, person=person, **f.with_actions(d)),
        title="Record management oversight",
        person=person,
        success="Management oversight recorded",
    )


@requires(Permission.VIEW_PERSON)
@with_person(Purpose.VIEW, page="Case directions and oversight")
def person_oversight(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """Every case direction (with its reviews in supervision and its actions) and every
    management oversight record of the child, newest first, each list paged."""
    directions = Paginator(
        CaseDirection.objects.filter(person=person)
        .select_related("given_by", "worker")
        .prefetch_related("reviews__session"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    oversights = Paginator(
        Oversight.objects.filter(decision__person=person)
        .select_related("decision__decided_by")
        .order_by("-decision__decided_on", "-pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("oversight_page"))
    shown_directions = [d.pk for d in directions]
    shown_oversights = [o.pk for o in oversights]
    by_direction: dict[int, list[Action]] = defaultdict(list)
    by_oversight: dict[int, list[Action]] = defaultdict(list)
    actions = Action.objects.filter(person=person).select_related("owner")
    for action in actions.filter(Q(direction_id__in=shown_directions) | Q(oversight_id__in=shown_oversights)):
        if action.direction_id:
            by_direction[action.direction_id].append(action)
        else:
            by_oversight[action.oversight_id].append(action)  # type: ignore[index]
    return render(
        request,
        "quality/person_oversight.jinja",
        {
            "person": person,
            "directions": directions,
            "direction_actions": by_direction,
            "oversights": oversights,
            "oversight_actions": by_oversight,
            "today": timezone.localdate(),
        },
    )
