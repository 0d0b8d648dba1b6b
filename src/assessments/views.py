"""Assessment pages: thin views over `assessments.services`, each record loaded through the
access door."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from core.workflow import allowed_events
from frontdoor.models import Referral
from frontdoor.views import with_open_referrals
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view

from . import rules, services
from .forms import (
    AssessmentForm,
    AuthoriseForm,
    CommissionForm,
    CompleteCommissionedForm,
    ReturnForm,
    StartAssessmentForm,
)
from .machines import AssessmentMachine
from .models import Assessment, CommissionedAssessment


def _assessment(purpose: Purpose) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    return with_record(
        Assessment,
        purpose,
        page="Assessment",
        rows=lambda: Assessment.objects.select_related("referral", "worker"),
    )


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessments:detail", args=[assessment.pk])


@requires(Permission.RECORD_ASSESSMENT)
@with_person(Purpose.EDIT, page="Start an assessment")
@require_http_methods(["GET", "POST"])
@with_open_referrals
def start(request: AuthenticatedHttpRequest, person: Person, referrals: list[Referral]) -> HttpResponse:
    return form_page(
        request,
        StartAssessmentForm(request.POST or None, referrals=referrals),
        lambda data: services.start_assessment(
            actor=request.user,
            referral=next(r for r in referrals if r.pk == data["referral"]),
            kind=data["kind"],
            start_date=data["start_date"],
        ),
        title="Start an assessment",
        success="Assessment started",
        next_url=_detail_url,
        person=person,
    )


@requires(Permission.VIEW_PERSON)
@_assessment(Purpose.VIEW)
def detail(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    return render(
        request,
        "assessments/detail.jinja",
        {
            "assessment": assessment,
            "person": assessment.person,
            "events": allowed_events(AssessmentMachine, assessment),
            "missing": rules.missing_for_submission(assessment),
            "returns": list(assessment.returns.select_related("returned_by")),
            "history": list(assessment.status_history.select_related("recorded_by")),
            "commissioned": list(assessment.commissioned.all()),
        },
    )


@requires(Permission.RECORD_ASSESSMENT)
@_assessment(Purpose.EDIT)
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    initial = {name: getattr(assessment, name) for name in services.CONTENT_FIELDS}
    form = versioned(AssessmentForm(request.POST or None, initial=initial), assessment)

    def save(data: dict[str, Any]) -> Assessment:
        version = data.pop("version")
        return services.record_assessment(
            actor=request.user, assessment=assessment, data=data, expected_version=version
        )

    return form_page(
        request,
        form,
        save,
        title="Record the assessment",
        success="Assessment saved",
        next_url=_detail_url(assessment),
        person=assessment.person,
    )


@requires(Permission.RECORD_ASSESSMENT)
@_assessment(Purpose.EDIT)
@require_POST
def submit(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    """Submit for authorisation; what stops it is said on the assessment's page."""
    try:
        services.submit_assessment(actor=request.user, assessment=assessment)
        messages.success(request, "Assessment submitted for authorisation")
    except ValidationError as exc:
        messages.error(request, "This cannot be done yet: " + "; ".join(exc.messages))
    return redirect(_detail_url(assessment))


# Authorise, with the manager's comments (their oversight, as on any management decision).
authorise = form_view(
    Permission.AUTHORISE_ASSESSMENT,
    _assessment(Purpose.EDIT),
    AuthoriseForm,
    services.authorise_assessment,
    record="assessment",
    title="Authorise the assessment",
    success="Assessment authorised",
    next_url=_detail_url,
    back=_detail_url,
)

return_for_work = form_view(
    Permission.AUTHORISE_ASSESSMENT,
    _assessment(Purpose.EDIT),
    ReturnForm,
    services.return_assessment,
    record="assessment",
    title="Return the assessment",
    success="Assessment returned to the worker",
    next_url=_detail_url,
)


commission = form_view(
    Permission.RECORD_ASSESSMENT,
    with_person(Purpose.EDIT, page="Commission an assessment"),
    CommissionForm,
    services.commission_assessment,
    title="Commission a specialist or parenting assessment",
    success="Assessment commissioned",
)


complete_commissioned = form_view(
    Permission.RECORD_ASSESSMENT,
    with_record(
        CommissionedAssessment, Purpose.EDIT, page="Commissioned assessment", kwarg="commissioned_id"
    ),
    CompleteCommissionedForm,
    services.complete_commissioned,
    record="commissioned",
    title=lambda row: f"Completed: {row.description}",
    success="Completion recorded",
)
