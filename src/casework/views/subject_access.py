"""Subject access pages: the child's requests and a new one, a request with its review of
redactions, its workflow's steps and the extension of its clock."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page, submitted
from core.http import AuthenticatedHttpRequest
from core.workflow import allowed_events
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from .. import services
from ..forms import ExtendSubjectAccessForm, ReturnForm, SubjectAccessForm
from ..machines import SubjectAccessMachine
from ..models import Document, SARStatus, SubjectAccessRequest


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@with_person(Purpose.VIEW, page="Subject access requests")
@require_http_methods(["GET", "POST"])
def subject_access(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    today = timezone.localdate()
    return form_page(
        request,
        SubjectAccessForm(request.POST or None),
        lambda data: services.create_subject_access_request(actor=request.user, person=person, **data),
        title="Subject access requests",
        success="Subject access request recorded",
        next_url=lambda sar: reverse("casework:sar_detail", args=[sar.pk]),
        person=person,
        template="casework/sar_list.jinja",
        context=lambda: {
            "requests": [(r, r.clock(today)) for r in SubjectAccessRequest.objects.filter(person=person)],
            "today": today,
        },
    )


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@with_record(SubjectAccessRequest, Purpose.VIEW, page="Subject access request", kwarg="sar_id")
@require_http_methods(["GET", "POST"])
def sar_detail(request: AuthenticatedHttpRequest, sar: SubjectAccessRequest) -> HttpResponse:
    error = ""
    if request.method == "POST" and sar.status == SARStatus.IN_REVIEW:
        decisions = {
            item.pk: (f"redact-{item.pk}" in request.POST, request.POST.get(f"reason-{item.pk}", ""))
            for item in sar.items.all()
        }
        try:
            services.set_redactions(actor=request.user, sar=sar, decisions=decisions)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, "Redactions saved")
            return redirect("casework:sar_detail", sar_id=sar.pk)
    return _sar_page(request, sar, error=error, posted=request.POST if error else None)


def _sar_page(
    request: AuthenticatedHttpRequest,
    sar: SubjectAccessRequest,
    *,
    error: str = "",
    posted: Any = None,
    extend_form: ExtendSubjectAccessForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    has_errors = bool(error) or bool(extend_form is not None and extend_form.errors)
    return render(
        request,
        "casework/sar_detail.jinja",
        {
            "person": sar.person,
            "sar": sar,
            "clock": sar.clock(today),
            "today": today,
            "items": sar.items.all(),
            "posted": posted,
            "error": error,
            "events": allowed_events(SubjectAccessMachine, sar),
            "return_form": ReturnForm(),
            "extend_form": extend_form or ExtendSubjectAccessForm(),
            "page_has_errors": has_errors,
        },
        status=400 if has_errors else 200,
    )


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@with_record(SubjectAccessRequest, Purpose.VIEW, page="Subject access request", kwarg="sar_id")
@require_POST
def sar_extend(request: AuthenticatedHttpRequest, sar: SubjectAccessRequest) -> HttpResponse:
    """Record an extension of the one-month clock (reason, date the requester was told)."""
    form = ExtendSubjectAccessForm(request.POST)
    if submitted(
        request, form, lambda data: services.extend_subject_access(actor=request.user, sar=sar, **data)
    ):
        messages.success(request, "Extension recorded")
        return redirect("casework:sar_detail", sar_id=sar.pk)
    return _sar_page(request, sar, extend_form=form)


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@with_record(SubjectAccessRequest, Purpose.VIEW, page="Subject access request", kwarg="sar_id")
@require_POST
def sar_action(request: AuthenticatedHttpRequest, sar: SubjectAccessRequest) -> HttpResponse:
    event = request.POST.get("event", "")
    actions = {
        "start_review": lambda: services.start_subject_access_review(actor=request.user, sar=sar),
        "approve": lambda: services.approve_subject_access(actor=request.user, sar=sar),
        "return_to_review": lambda: services.return_subject_access(
            actor=request.user, sar=sar, reason=request.POST.get("reason", "")
        ),
        "release": lambda: services.release_subject_access(actor=request.user, sar=sar),
    }
    if event not in actions:
        raise Http404("Unknown action")
    try:
        result = actions[event]()
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("casework:sar_detail", sar_id=sar.pk)
    messages.success(
        request,
        {
            "start_review": "Review started",
            "approve": "Release approved",
            "return_to_review": "Returned to the reviewer",
            "release": "Record released",
        }[event],
    )
    if isinstance(result, Document):
        return redirect("casework:document_detail", document_id=result.pk)
    return redirect("casework:sar_detail", sar_id=sar.pk)
