"""The auditor's pages: who has seen this child; what has this user seen and done; events by action.

They read the audit and name children by their Harbour IDs through the access door
(`people.access`), so they sit here above the door; the audit app itself sits below every
app that writes to it and keeps the trail only. `config.urls` routes them as `audit:*`.
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from audit.models import SECURITY_ACTIONS, AuditAction, AuditEvent
from core import search_terms
from core.http import AuthenticatedHttpRequest

from .access import Purpose, la_child_ids, person_pk_for_la_id
from .decorators import with_person
from .models import Person

PAGE_SIZE = 50


@requires(Permission.VIEW_AUDIT)
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The name searched for is posted and kept off the address (core.search_terms).
    if request.method == "POST":
        return redirect(search_terms.address(request.path, search_terms.keep(request, fields=["q"])))
    terms = search_terms.recall(request)
    q = ((terms.get("q") if terms else "") or "").strip()
    users: list[User] = []
    if q:
        users = list(
            User.objects.filter(
                Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
            )[:50]
        )
    action = _action_filter(request)
    if action:
        recent: Any = _page(
            request,
            AuditEvent.objects.filter(action=action).select_related("actor").order_by("-occurred_at", "-id"),
        )
        caption = f"{AuditAction(action).label}, newest first"
    else:
        recent = AuditEvent.objects.filter(action__in=["BREAK_GLASS", "REFUSED"]).select_related("actor")[:25]
        caption = "Recent refusals and break-glass openings"
    people = la_child_ids([e.person_id for e in recent if e.person_id])
    return render(
        request,
        "audit/index.jinja",
        {
            "q": q,
            "users": users,
            "recent": recent,
            "caption": caption,
            "people": people,
            **_action_choices(action),
            "nav_key": "audit",
        },
    )


def _action_filter(request: AuthenticatedHttpRequest) -> str:
    """The `action` asked for, if it is one the audit records (anything else: no filter)."""
    action = (request.GET.get("action") or "").strip().upper()
    return action if action in AuditAction.values else ""


def _action_choices(selected: str) -> dict[str, Any]:
    security = [(a.value, a.label) for a in SECURITY_ACTIONS]
    others = [(a.value, a.label) for a in AuditAction if a not in SECURITY_ACTIONS]
    return {"action": selected, "security_actions": security, "other_actions": others}


def _page(request: AuthenticatedHttpRequest, events: QuerySet[AuditEvent]) -> Page[AuditEvent]:
    return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))


@requires(Permission.VIEW_AUDIT)
@with_person(Purpose.AUDIT, page="Audit: who has seen this record")
def person_audit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    # Views of records merged into this one belong to this child's history too.
    ids = [person.pk, *person.merged_records.values_list("pk", flat=True)]  # type: ignore[attr-defined]
    events = (
        AuditEvent.objects.filter(person_id__in=ids).select_related("actor").order_by("-occurred_at", "-id")
    )
    only_views = request.GET.get("views") == "1"
    if only_views:
        events = events.views()
    return render(
        request,
        "audit/person.jinja",
        {"person": person, "page_obj": _page(request, events), "only_views": only_views, "nav_key": "audit"},
    )


@requires(Permission.VIEW_AUDIT)
def user_audit(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User, pk=user_id)
    events = (
        AuditEvent.objects.filter(
            Q(actor_id=subject.pk) | Q(object_type=User._meta.label, object_id=str(subject.pk))
        )
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )
    action = _action_filter(request)
    if action:
        events = events.filter(action=action)
    page_obj = _page(request, events)
    people = la_child_ids([e.person_id for e in page_obj if e.person_id])  # type: ignore[attr-defined]
    return render(
        request,
        "audit/user.jinja",
        {
            "subject": subject,
            "page_obj": page_obj,
            "people": people,
            **_action_choices(action),
            "nav_key": "audit",
        },
    )


@requires(Permission.VIEW_AUDIT)
def find_person(request: AuthenticatedHttpRequest) -> HttpResponse:
    la_id = (request.GET.get("la_child_id") or "").strip().upper()
    person_id = person_pk_for_la_id(la_id)
    if person_id is None:
        return render(
            request,
            "audit/index.jinja",
            {
                "q": "",
                "users": [],
                "recent": [],
                "caption": "",
                "people": {},
                "not_found": la_id,
                **_action_choices(""),
                "nav_key": "audit",
            },
            status=404,
        )
    return redirect("audit:person", person_id=person_id)
