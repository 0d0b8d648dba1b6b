"""Retention review: records past retention, proposals, and the second person's decision."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from . import services
from .forms import DecisionForm
from .models import DeletionRequest, DeletionStatus
from .retention import past_retention
from .retention_rules import RULES, RULES_BY_ID


@requires(Permission.MANAGE_RETENTION)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Lists Harbour IDs, rules and dates only (no names: nothing about a record is shown
    until the reviewer opens it through the access door, which audits the view)."""
    due = past_retention(timezone.localdate())
    return render(
        request,
        "lifecycle/index.jinja",
        {
            "due": due[:500],
            "due_count": len(due),
            "open_requests": DeletionRequest.objects.filter(status=DeletionStatus.PROPOSED).select_related(
                "proposed_by"
            ),
            "recent": DeletionRequest.objects.exclude(status=DeletionStatus.PROPOSED).select_related(
                "proposed_by", "decided_by"
            )[:50],
            "rules": RULES_BY_ID,
            "nav_key": "retention",
        },
    )


@requires(Permission.MANAGE_RETENTION)
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "lifecycle/rules.jinja", {"rules": RULES, "nav_key": "retention"})


@requires(Permission.MANAGE_RETENTION)
@with_person(Purpose.VIEW, page="Retention review")
@require_POST
def propose(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    try:
        proposal = services.propose_deletion(
            actor=request.user, person=person, reason=request.POST.get("reason", "")[:2000]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lifecycle:index")
    messages.success(request, f"Deletion of {proposal.person_ref} proposed. A second person must approve it.")
    return redirect("lifecycle:request", request_id=proposal.pk)


@requires(Permission.MANAGE_RETENTION)
@with_record(
    DeletionRequest,
    Purpose.VIEW,
    page="Retention review",
    kwarg="request_id",
    rows=lambda: DeletionRequest.objects.select_related("proposed_by", "decided_by"),
    # Once approved, the record is erased: the request stays, with no child to open.
    people=lambda r: [r.person_id] if r.person_id else [],
)
@require_http_methods(["GET", "POST"])
def request_detail(request: AuthenticatedHttpRequest, proposal: DeletionRequest) -> HttpResponse:
    form = DecisionForm(request.POST or None)

    def decide_it(data: dict[str, Any]) -> str:
        """Approve or reject the proposal; gives the message to show."""
        if data["decision"] == "approve":
            services.approve_deletion(actor=request.user, request=proposal, reason=data["reason"])
            return f"Record {proposal.person_ref} deleted. The audit trail is kept."
        services.reject_deletion(actor=request.user, request=proposal, reason=data["reason"])
        return f"Deletion of {proposal.person_ref} rejected: the record is kept."

    return form_page(
        request,
        form,
        decide_it,
        title=f"Deletion of {proposal.person_ref}",
        success=lambda message: message,
        next_url=reverse("lifecycle:index"),
        template="lifecycle/request.jinja",
        context=lambda: {
            "proposal": proposal,
            "rule": RULES_BY_ID.get(proposal.rule_id),
            "history": proposal.status_history.select_related("recorded_by"),
            "can_decide": proposal.status == DeletionStatus.PROPOSED
            and proposal.proposed_by_id != request.user.pk,
            "nav_key": "retention",
        },
    )
