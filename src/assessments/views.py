from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import submitted
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from core.workflow import allowed_events
from frontdoor.models import Referral, ReferralStatus
from people.access import Purpose, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import render_person_form as _form_page

from . import rules, services
from .forms import AssessmentForm, CommissionForm, CompleteCommissionedForm, ReturnForm, StartAssessmentForm
from .machines import AssessmentMachine
from .models import Assessment, CommissionedAssessment


def load_assessment(request: AuthenticatedHttpRequest, assessment_id: int, purpose: Purpose) -> Assessment:
    """The assessment, after the access door has let the user open the child's record."""
    assessment = get_object_or_404(Assessment.objects.select_related("referral", "worker"), pk=assessment_id)
    get_person_for(request.user, assessment.person_id, purpose=purpose, page="Assessment")
    return assessment


@requires(Permission.RECORD_ASSESSMENT)
@with_person(Purpose.EDIT, page="Start an assessment")
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    referrals = list(Referral.objects.filter(person=person, status=ReferralStatus.OPEN))
    if not referrals:
        messages.info(request, "There is no open referral for this child: record the referral first")
        return redirect("people:detail", person_id=person.pk)
    form = StartAssessmentForm(
        request.POST or None, referrals=referrals, initial={"referral": referrals[0].pk}
    )
    started = submitted(
        request,
        form,
        lambda data: services.start_assessment(
            actor=request.user,
            referral=next(r for r in referrals if r.pk == data["referral"]),
            kind=data["kind"],
            start_date=data["start_date"],
        ),
    )
    if started:
        messages.success(request, "Assessment started")
        return redirect("assessments:detail", assessment_id=started.result.pk)
    return _form_page(request, form, person, "Start an assessment")


@requires(Permission.VIEW_PERSON)
def detail(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    assessment = load_assessment(request, assessment_id, Purpose.VIEW)
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
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    assessment = load_assessment(request, assessment_id, Purpose.EDIT)
    initial = {name: getattr(assessment, name) for name in services.CONTENT_FIELDS}
    form = versioned(AssessmentForm(request.POST or None, initial=initial), assessment)

    def save(data: dict[str, Any]) -> None:
        version = data.pop("version")
        services.record_assessment(
            actor=request.user, assessment=assessment, data=data, expected_version=version
        )

    if submitted(request, form, save):
        messages.success(request, "Assessment saved")
        return redirect("assessments:detail", assessment_id=assessment.pk)
    return _form_page(request, form, assessment.person, "Record the assessment")


def _transition_view(request: AuthenticatedHttpRequest, assessment_id: int, action: str) -> HttpResponse:
    assessment = load_assessment(request, assessment_id, Purpose.EDIT)
    try:
        if action == "submit":
            services.submit_assessment(actor=request.user, assessment=assessment)
            messages.success(request, "Assessment submitted for authorisation")
        else:
            services.authorise_assessment(actor=request.user, assessment=assessment)
            messages.success(request, "Assessment authorised")
    except ValidationError as exc:
        messages.error(request, "This cannot be done yet: " + "; ".join(exc.messages))
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires(Permission.RECORD_ASSESSMENT)
@require_POST
def submit(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    return _transition_view(request, assessment_id, "submit")


@requires(Permission.AUTHORISE_ASSESSMENT)
@require_POST
def authorise(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    return _transition_view(request, assessment_id, "authorise")


@requires(Permission.AUTHORISE_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def return_for_work(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    assessment = load_assessment(request, assessment_id, Purpose.EDIT)
    form = ReturnForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda data: services.return_assessment(
            actor=request.user, assessment=assessment, comments=data["comments"]
        ),
    ):
        messages.success(request, "Assessment returned to the worker")
        return redirect("assessments:detail", assessment_id=assessment.pk)
    return _form_page(request, form, assessment.person, "Return the assessment")


@requires(Permission.RECORD_ASSESSMENT)
@with_person(Purpose.EDIT, page="Commission an assessment")
@require_http_methods(["GET", "POST"])
def commission(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = CommissionForm(request.POST or None)
    if submitted(
        request, form, lambda data: services.commission_assessment(actor=request.user, person=person, **data)
    ):
        messages.success(request, "Assessment commissioned")
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, "Commission a specialist or parenting assessment")


@requires(Permission.RECORD_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def complete_commissioned(request: AuthenticatedHttpRequest, commissioned_id: int) -> HttpResponse:
    row = get_object_or_404(CommissionedAssessment, pk=commissioned_id)
    person = get_person_for(request.user, row.person_id, purpose=Purpose.EDIT, page="Commissioned assessment")
    form = CompleteCommissionedForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda data: services.complete_commissioned(actor=request.user, commissioned=row, **data),
    ):
        messages.success(request, "Completion recorded")
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, f"Completed: {row.description}")
