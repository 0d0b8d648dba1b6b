from datetime import date
from typing import Any, TypeVar

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import GovDateField
from core.http import AuthenticatedHttpRequest
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import person_form_page as form_page

from . import forms as f
from . import services
from .models import AdoptionCase, CareProceedings, ContactSession, PreProceedings, PreviousPermanence
from .queries import cancellations_by_who, current_limit, periods_by_person, tracker_row

M = TypeVar("M", bound=models.Model)


def _load(request: AuthenticatedHttpRequest, model: type[M], pk: int, page: str) -> tuple[M, Person]:
    """Load a permanence record, then its child through the access door (before showing anything)."""
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404("Not found")
    person = get_person_for(request.user, obj.person_id, purpose=Purpose.EDIT, page=page)  # type: ignore[attr-defined]
    return obj, person


# --- Pre-proceedings ---


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Start pre-proceedings")
@require_http_methods(["GET", "POST"])
def new_plo(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.PreProceedingsForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Start pre-proceedings (PLO)",
        lambda d: services.start_pre_proceedings(actor=request.user, person=person, **d),
        "Pre-proceedings started",
    )


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def plo_meeting(request: AuthenticatedHttpRequest, plo_id: int) -> HttpResponse:
    plo, person = _load(request, PreProceedings, plo_id, "Record a PLO meeting")
    form = f.PLOMeetingForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record a pre-proceedings meeting",
        lambda d: services.record_plo_meeting(actor=request.user, plo=plo, **d),
        "Meeting recorded",
    )


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def plo_step_down(request: AuthenticatedHttpRequest, plo_id: int) -> HttpResponse:
    plo, person = _load(request, PreProceedings, plo_id, "Step down from pre-proceedings")
    form = f.StepDownForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Step down from pre-proceedings",
        lambda d: services.step_down_pre_proceedings(actor=request.user, plo=plo, **d),
        "Stepped down",
    )


# --- Care proceedings and orders ---


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Record care proceedings")
@require_http_methods(["GET", "POST"])
def new_proceedings(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.ProceedingsForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record care proceedings issued",
        lambda d: services.issue_proceedings(actor=request.user, person=person, **d),
        "Care proceedings recorded",
    )


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def extend(request: AuthenticatedHttpRequest, proceedings_id: int) -> HttpResponse:
    proceedings, person = _load(request, CareProceedings, proceedings_id, "Extend care proceedings")
    form = f.ExtensionForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record an extension of the 26-week limit",
        lambda d: services.extend_proceedings(actor=request.user, proceedings=proceedings, **d),
        "Extension recorded",
    )


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def conclude(request: AuthenticatedHttpRequest, proceedings_id: int) -> HttpResponse:
    proceedings, person = _load(request, CareProceedings, proceedings_id, "Conclude care proceedings")
    form = f.ConcludeForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record the end of care proceedings",
        lambda d: services.conclude_proceedings(actor=request.user, proceedings=proceedings, **d),
        "Proceedings concluded",
    )


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Record a court order")
@require_http_methods(["GET", "POST"])
def new_order(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.OrderForm(request.POST or None)
    open_proceedings = CareProceedings.objects.filter(person=person, status="OPEN").first()
    return form_page(
        request,
        person,
        form,
        "Record a court order",
        lambda d: services.record_order(actor=request.user, person=person, proceedings=open_proceedings, **d),
        "Order recorded",
    )


# --- Adoption ---


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Record an adoption decision")
@require_http_methods(["GET", "POST"])
def new_adoption(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.AdoptionDecisionForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Record the decision that the child should be placed for adoption",
        lambda d: services.decide_adoption(actor=request.user, person=person, **d),
        "Adoption decision recorded",
    )


STEP_TITLES = {
    "authorise": "Record authority to place",
    "match": "Record the match",
    "place": "Record the placement for adoption",
    "adopt": "Record the adoption order",
    "reverse": "Record that the adoption decision was reversed",
}


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def adoption_step(request: AuthenticatedHttpRequest, adoption_id: int, event: str) -> HttpResponse:
    if event not in STEP_TITLES:
        raise Http404("No such step")
    case, person = _load(request, AdoptionCase, adoption_id, STEP_TITLES[event])
    form = f.AdoptionStepForm(request.POST or None, event=event)

    def action(data: dict[str, Any]) -> None:
        on = data.pop("on")
        services.advance_adoption(actor=request.user, case=case, event=event, on=on, details=data)

    return form_page(request, person, form, STEP_TITLES[event], action, "Adoption updated")


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Previous permanence")
@require_http_methods(["GET", "POST"])
def previous_permanence(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    row = PreviousPermanence.objects.filter(person=person).first()
    initial = {"prev_perm": row.prev_perm, "la_perm": row.la_perm, "date_perm": row.date_perm} if row else {}
    form = f.PreviousPermanenceForm(request.POST or None, initial=initial)
    return form_page(
        request,
        person,
        form,
        "Previous permanence",
        lambda d: services.record_previous_permanence(actor=request.user, person=person, **d),
        "Previous permanence recorded",
    )


# --- Supervised contact ---


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Schedule supervised contact")
@require_http_methods(["GET", "POST"])
def new_contact(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.ContactSessionForm(request.POST or None)

    def action(data: dict[str, Any]) -> None:
        starts_at, ends_at = form.times()
        services.schedule_contact(
            actor=request.user,
            person=person,
            with_whom=data["with_whom"],
            centre=data["centre"],
            room=data["room"],
            supervisor=data["supervisor"],
            starts_at=starts_at,
            ends_at=ends_at,
        )

    return form_page(
        request, person, form, "Schedule a supervised contact session", action, "Contact session booked"
    )


@requires(Permission.RECORD_PERMANENCE)
@require_http_methods(["GET", "POST"])
def cancel_contact(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session, person = _load(request, ContactSession, session_id, "Cancel contact")
    form = f.CancelContactForm(request.POST or None)
    return form_page(
        request,
        person,
        form,
        "Cancel a contact session",
        lambda d: services.cancel_contact(actor=request.user, session=session, **d),
        "Contact session cancelled",
    )


@requires(Permission.RECORD_PERMANENCE)
@require_POST
def contact_held(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session, person = _load(request, ContactSession, session_id, "Contact held")
    try:
        services.record_contact_held(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Contact session recorded as held")
    return redirect("people:detail", person_id=person.pk)


class PeriodForm(djforms.Form):
    start = GovDateField(label="From", required=False)
    end = GovDateField(label="To", required=False)


@requires(Permission.VIEW_PERMANENCE_TRACKER)
def cancellations_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Cancelled supervised contact sessions by who cancelled, over a period (default 12 months)."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = date(today.year - 1, today.month, 1), today
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    rows = cancellations_by_who(start, end)
    return render(
        request,
        "permanence/cancellations.jinja",
        {"form": form, "rows": rows, "start": start, "end": end, "total": sum(r[2] for r in rows)},
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_PERMANENCE_TRACKER)
def tracker(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Children with a plan for adoption: days since entering care, A1/A2 so far, next step."""
    today = timezone.localdate()
    cases = [
        c
        for c in AdoptionCase.objects.exclude(status__in=["ADOPTED", "REVERSED"])
        .select_related("person")
        .order_by("adm_decision_date")
        if decide(request.user, c.person, Purpose.VIEW).allowed
    ]
    periods = periods_by_person([c.person_id for c in cases])
    rows = [tracker_row(c, periods.get(c.person_id, []), today) for c in cases]
    proceedings = [
        (p, current_limit(p))
        for p in CareProceedings.objects.filter(status="OPEN")
        .select_related("person")
        .prefetch_related("extensions")
        if decide(request.user, p.person, Purpose.VIEW).allowed
    ]
    return render(
        request, "permanence/tracker.jinja", {"rows": rows, "proceedings": proceedings, "today": today}
    )
