"""Permanence and court pages: pre-proceedings, care proceedings and orders, adoption,
previous permanence and supervised contact; the tracker and the cancellations report."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose, decide
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view

from . import forms as f
from . import services
from .models import AdoptionCase, CareProceedings, ContactSession, PreProceedings, PreviousPermanence
from .queries import cancellations_by_who, current_limit, periods_by_person, tracker_row

# --- Pre-proceedings ---


new_plo = form_view(
    Permission.RECORD_PERMANENCE,
    with_person(Purpose.EDIT, page="Start pre-proceedings"),
    f.PreProceedingsForm,
    services.start_pre_proceedings,
    title="Start pre-proceedings (PLO)",
    success="Pre-proceedings started",
)

plo_meeting = form_view(
    Permission.RECORD_PERMANENCE,
    with_record(PreProceedings, Purpose.EDIT, page="Record a PLO meeting", kwarg="plo_id"),
    f.PLOMeetingForm,
    services.record_plo_meeting,
    record="plo",
    title="Record a pre-proceedings meeting",
    success="Meeting recorded",
)

plo_step_down = form_view(
    Permission.RECORD_PERMANENCE,
    with_record(PreProceedings, Purpose.EDIT, page="Step down from pre-proceedings", kwarg="plo_id"),
    f.StepDownForm,
    services.step_down_pre_proceedings,
    record="plo",
    title="Step down from pre-proceedings",
    success="Stepped down",
)


# --- Care proceedings and orders ---


new_proceedings = form_view(
    Permission.RECORD_PERMANENCE,
    with_person(Purpose.EDIT, page="Record care proceedings"),
    f.ProceedingsForm,
    services.issue_proceedings,
    title="Record care proceedings issued",
    success="Care proceedings recorded",
)

extend = form_view(
    Permission.RECORD_PERMANENCE,
    with_record(CareProceedings, Purpose.EDIT, page="Extend care proceedings", kwarg="proceedings_id"),
    f.ExtensionForm,
    services.extend_proceedings,
    record="proceedings",
    title="Record an extension of the 26-week limit",
    success="Extension recorded",
)

conclude = form_view(
    Permission.RECORD_PERMANENCE,
    with_record(CareProceedings, Purpose.EDIT, page="Conclude care proceedings", kwarg="proceedings_id"),
    f.ConcludeForm,
    services.conclude_proceedings,
    record="proceedings",
    title="Record the end of care proceedings",
    success="Proceedings concluded",
)


new_order = form_view(
    Permission.RECORD_PERMANENCE,
    with_person(Purpose.EDIT, page="Record a court order"),
    f.OrderForm,
    services.record_order,
    title="Record a court order",
    success="Order recorded",
)


# --- Adoption ---


new_adoption = form_view(
    Permission.RECORD_PERMANENCE,
    with_person(Purpose.EDIT, page="Record an adoption decision"),
    f.AdoptionDecisionForm,
    services.decide_adoption,
    title="Record the decision that the child should be placed for adoption",
    success="Adoption decision recorded",
)


STEP_TITLES = {
    "authorise": "Record authority to place",
    "match": "Record the match",
    "place": "Record the placement for adoption",
    "adopt": "Record the adoption order",
    "reverse": "Record that the adoption decision was reversed",
}


@requires(Permission.RECORD_PERMANENCE)
@with_record(AdoptionCase, Purpose.EDIT, page="Adoption step", kwarg="adoption_id")
@require_http_methods(["GET", "POST"])
def adoption_step(request: AuthenticatedHttpRequest, case: AdoptionCase, event: str) -> HttpResponse:
    if event not in STEP_TITLES:
        raise Http404("No such step")

    def advance(data: dict[str, Any]) -> AdoptionCase:
        on = data.pop("on")
        return services.advance_adoption(actor=request.user, case=case, event=event, on=on, details=data)

    return form_page(
        request,
        f.AdoptionStepForm(request.POST or None, event=event),
        advance,
        title=STEP_TITLES[event],
        person=case.person,
        success="Adoption updated",
    )


def _previous_permanence(person: Person) -> dict[str, Any]:
    """What is recorded already of the child's permanence before this care, to change."""
    row = PreviousPermanence.objects.filter(person=person).first()
    return {"prev_perm": row.prev_perm, "la_perm": row.la_perm, "date_perm": row.date_perm} if row else {}


previous_permanence = form_view(
    Permission.RECORD_PERMANENCE,
    with_person(Purpose.EDIT, page="Previous permanence"),
    f.PreviousPermanenceForm,
    services.record_previous_permanence,
    title="Previous permanence",
    success="Previous permanence recorded",
    initial=_previous_permanence,
)


# --- Supervised contact ---


@requires(Permission.RECORD_PERMANENCE)
@with_person(Purpose.EDIT, page="Schedule supervised contact")
@require_http_methods(["GET", "POST"])
def new_contact(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = f.ContactSessionForm(request.POST or None)

    def schedule(data: dict[str, Any]) -> ContactSession:
        starts_at, ends_at = form.times()
        return services.schedule_contact(
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
        request,
        form,
        schedule,
        title="Schedule a supervised contact session",
        person=person,
        success="Contact session booked",
    )


cancel_contact = form_view(
    Permission.RECORD_PERMANENCE,
    with_record(ContactSession, Purpose.EDIT, page="Cancel contact", kwarg="session_id"),
    f.CancelContactForm,
    services.cancel_contact,
    record="session",
    title="Cancel a contact session",
    success="Contact session cancelled",
)


@requires(Permission.RECORD_PERMANENCE)
@with_record(ContactSession, Purpose.EDIT, page="Contact held", kwarg="session_id")
@require_POST
def contact_held(request: AuthenticatedHttpRequest, session: ContactSession) -> HttpResponse:
    try:
        services.record_contact_held(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Contact session recorded as held")
    return redirect("people:work", person_id=session.person.pk)


# --- Reports ---


@requires(Permission.VIEW_PERMANENCE_TRACKER)
def cancellations_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Cancelled supervised contact sessions by who cancelled, over a period (default 12 months)."""
    today = timezone.localdate()
    form = f.PeriodForm(request.GET or None)
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
