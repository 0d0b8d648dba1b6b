"""Front-door pages. Thin: load through the access door, call a service, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import submitted
from core.http import AuthenticatedHttpRequest
from core.workflow import allowed_events
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person
from people.search import find_possible_duplicates

from . import clocks, queries, services
from .forms import (
    CloseReferralForm,
    ConfirmForm,
    ContactForm,
    DisagreementActionForm,
    DisagreementForm,
    FeedbackForm,
    FindChildForm,
    NewChildForm,
    ScreeningForm,
)
from .machines import ContactMachine, DisagreementMachine
from .models import Contact, ContactStatus, Disagreement, Referral


def load_contact(request: AuthenticatedHttpRequest, contact_id: int, purpose: Purpose, page: str) -> Contact:
    """The contact, after the access door has allowed every child on it for `purpose`."""
    contact = get_object_or_404(Contact, pk=contact_id)
    for person_id in contact.child_links.values_list("person_id", flat=True):
        get_person_for(request.user, person_id, purpose=purpose, page=page)
    return contact


def _form_page(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any], form: Any
) -> HttpResponse:
    return render(
        request,
        template,
        {**context, "form": form, "page_has_errors": bool(form.errors), "nav_key": "frontdoor"},
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_FRONT_DOOR_QUEUE)
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "frontdoor/queue.jinja",
        {"queue": queries.front_door_queue(request.user, today), "today": today, "nav_key": "frontdoor"},
    )


def _record_contact(request: AuthenticatedHttpRequest, person: Person | None) -> HttpResponse:
    now = timezone.localtime()
    form = ContactForm(
        request.POST or None, initial={"received_on": now.date(), "received_time": now.strftime("%H:%M")}
    )

    def record(data: dict[str, Any]) -> Contact:
        return services.record_contact(
            actor=request.user,
            received_at=data["received_at"],
            channel=data["channel"],
            source=data["source"],
            concern=data["concern"],
            consent=data["consent"],
            consent_notes=data["consent_notes"],
            referrer_name=data["referrer_name"],
            referrer_agency=data["referrer_agency"],
            referrer_contact_details=data["referrer_contact_details"],
            children=[person] if person else [],
        )

    if recorded := submitted(request, form, record, rename={"received_at": "received_on"}):
        messages.success(request, "Contact recorded")
        if person is None:
            return redirect("frontdoor:add_child", contact_id=recorded.result.pk)
        return redirect("frontdoor:contact", contact_id=recorded.result.pk)
    return _form_page(request, "frontdoor/record_contact.jinja", {"person": person}, form)


@requires(Permission.RECORD_CONTACT)
@require_http_methods(["GET", "POST"])
def record_contact(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record_contact(request, None)


@requires(Permission.RECORD_CONTACT)
@with_person(Purpose.EDIT, page="Record a contact")
@require_http_methods(["GET", "POST"])
def record_contact_for_person(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return _record_contact(request, person)


@requires(Permission.RECORD_CONTACT)
@require_http_methods(["GET", "POST"])
def add_child(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    """Find the child (duplicate check first), then add them or create a new record."""
    contact = load_contact(request, contact_id, Purpose.EDIT, "Add a child to a contact")
    if contact.status == ContactStatus.DECIDED:
        messages.error(request, "Children cannot be added once the decision is made")
        return redirect("frontdoor:contact", contact_id=contact.pk)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "add":
        try:
            person = get_person_for(request.user, request.POST.get("person_id", ""), purpose=Purpose.EDIT)
            services.add_child_to_contact(actor=request.user, contact=contact, person=person)
        except (Http404, ValidationError, ValueError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", ["That record could not be added"])))
        else:
            messages.success(request, f"{person.display_name} added to the contact")
            return redirect("frontdoor:contact", contact_id=contact.pk)
    searching = action != "create" and "given_name" in request.GET
    form: FindChildForm = (
        NewChildForm(request.POST, prefix="new")
        if action == "create"
        else FindChildForm(request.GET if searching else None)
    )
    matches: list[Any] = []
    searched = False
    if (action == "create" or searching) and form.is_valid():
        data = form.cleaned_data
        searched = True
        matches = find_possible_duplicates(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data.get("date_of_birth"),
            postcode=(data.get("postcode") or "").replace(" ", "").upper(),
        )
        for match in matches:
            match.can_open = decide(request.user, match.person, Purpose.VIEW).allowed

    def create(data: dict[str, Any]) -> Person:
        if matches and not data.get("confirm_new"):
            raise ValidationError(
                {
                    "confirm_new": "Check the possible matches; confirm none of them is this child to create a record"
                }
            )
        return services.create_child_for_contact(
            actor=request.user,
            contact=contact,
            data={
                "given_name": data["given_name"],
                "family_name": data["family_name"],
                "date_of_birth": data.get("date_of_birth"),
                "sex": data["sex"],
            },
        )

    if action == "create" and (created := submitted(request, form, create)):
        messages.success(
            request, f"Record created for {created.result.display_name} and added to the contact"
        )
        return redirect("frontdoor:contact", contact_id=contact.pk)
    typed = getattr(form, "cleaned_data", None) if searched else None
    find_form = form if action != "create" else FindChildForm(initial=typed)
    new_form = form if action == "create" else NewChildForm(initial=typed, prefix="new")
    return render(
        request,
        "frontdoor/add_child.jinja",
        {
            "contact": contact,
            "form": find_form,
            "new_form": new_form,
            "matches": matches,
            "searched": searched,
            "page_has_errors": bool(form.errors),
            "nav_key": "frontdoor",
        },
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_CONTACTS)
def contact_detail(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = load_contact(request, contact_id, Purpose.VIEW, "Contact")
    today = timezone.localdate()
    links = list(contact.child_links.select_related("person", "referral"))
    return render(
        request,
        "frontdoor/contact.jinja",
        {
            "contact": contact,
            "links": links,
            "events": allowed_events(ContactMachine, contact),
            "history": list(contact.status_history.select_related("recorded_by")),
            "feedback": list(contact.feedback.all()),
            "disagreements": list(contact.disagreements.all()),
            "due_status": clocks.due_status(
                contact.decision_due,
                today,
                clocks.local_time(contact.decided_at).date() if contact.decided_at else None,
            ),
            "threshold_label": dict(clocks.threshold_levels()).get(contact.threshold_level, ""),
            "re_referrals": queries.re_referral_flags([link.referral for link in links if link.referral]),
            "nav_key": "frontdoor",
        },
    )


@requires(Permission.SCREEN_CONTACT)
@require_http_methods(["GET", "POST"])
def screen(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = load_contact(request, contact_id, Purpose.EDIT, "Screen a contact")
    form = ScreeningForm(
        request.POST or None,
        initial={
            "threshold_level": contact.threshold_level,
            "decision": contact.decision,
            "primary_need": contact.primary_need,
            "summary": contact.screening_summary,
        },
    )

    def screen_it(data: dict[str, Any]) -> None:
        try:
            services.screen_contact(
                actor=request.user,
                contact=contact,
                threshold_level=data["threshold_level"],
                decision=data["decision"],
                primary_need=data["primary_need"],
                summary=data["summary"],
            )
        except PermissionDenied as exc:  # the role may screen, but only a registered social worker does
            raise ValidationError("Screening must be done by a registered social worker") from exc

    if submitted(request, form, screen_it):
        messages.success(request, "Screening recorded: awaiting manager decision")
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _form_page(
        request, "frontdoor/contact_form.jinja", {"contact": contact, "title": "Screen the contact"}, form
    )


@requires(Permission.CONFIRM_CONTACT_DECISION)
@require_http_methods(["GET", "POST"])
def confirm(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = load_contact(request, contact_id, Purpose.EDIT, "Confirm a front-door decision")
    form = ConfirmForm(request.POST or None)

    def decide_it(data: dict[str, Any]) -> str:
        """Confirm the decision or return it; gives the message to show."""
        if data["action"] == "confirm":
            referrals = services.confirm_decision(
                actor=request.user, contact=contact, rationale=data["rationale"]
            )
            return (
                f"Decision confirmed: {len(referrals)} referral(s) opened or linked"
                if referrals
                else "Decision confirmed"
            )
        services.return_for_more_work(actor=request.user, contact=contact, reason=data["rationale"])
        return "Returned for more work"

    if decided := submitted(request, form, decide_it):
        messages.success(request, decided.result)
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _form_page(
        request,
        "frontdoor/contact_form.jinja",
        {"contact": contact, "title": "Manager decision", "show_screening": True},
        form,
    )


@requires(Permission.RECORD_CONTACT)
@require_http_methods(["GET", "POST"])
def feedback(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = load_contact(request, contact_id, Purpose.EDIT, "Feedback to the referrer")
    form = FeedbackForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if submitted(
        request, form, lambda data: services.record_feedback(actor=request.user, contact=contact, **data)
    ):
        messages.success(request, "Feedback recorded")
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _form_page(
        request,
        "frontdoor/contact_form.jinja",
        {"contact": contact, "title": "Feedback to the referrer"},
        form,
    )


@requires(Permission.RECORD_CONTACT)
@require_http_methods(["GET", "POST"])
def raise_disagreement(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = load_contact(request, contact_id, Purpose.EDIT, "Record a disagreement")
    form = DisagreementForm(
        request.POST or None,
        initial={
            "raised_on": timezone.localdate(),
            "raised_by_name": contact.referrer_name,
            "agency": contact.referrer_agency,
        },
    )
    if submitted(
        request, form, lambda data: services.raise_disagreement(actor=request.user, contact=contact, **data)
    ):
        messages.success(request, "Disagreement recorded at stage 1")
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _form_page(
        request,
        "frontdoor/contact_form.jinja",
        {"contact": contact, "title": "Record a partner's disagreement"},
        form,
    )


@requires(Permission.CONFIRM_CONTACT_DECISION)
@require_http_methods(["GET", "POST"])
def disagreement(request: AuthenticatedHttpRequest, disagreement_id: int) -> HttpResponse:
    row = get_object_or_404(Disagreement, pk=disagreement_id)
    contact = load_contact(request, row.contact_id, Purpose.EDIT, "Escalate or resolve a disagreement")
    form = DisagreementActionForm(request.POST or None, initial={"resolved_on": timezone.localdate()})

    def act(data: dict[str, Any]) -> None:
        if data["action"] == "escalate":
            services.escalate_disagreement(actor=request.user, disagreement=row, reason=data["notes"])
        else:
            services.resolve_disagreement(
                actor=request.user,
                disagreement=row,
                outcome=data["outcome"],
                notes=data["notes"],
                resolved_on=data["resolved_on"],
            )

    if submitted(request, form, act, rename={"reason": "notes"}):
        messages.success(request, "Disagreement updated")
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _form_page(
        request,
        "frontdoor/disagreement.jinja",
        {
            "contact": contact,
            "row": row,
            "events": allowed_events(DisagreementMachine, row),
            "history": list(row.status_history.select_related("recorded_by")),
            "title": "Partner disagreement",
        },
        form,
    )


@requires(Permission.CLOSE_REFERRAL)
@require_http_methods(["GET", "POST"])
def close_referral(request: AuthenticatedHttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=referral_id)
    person = get_person_for(request.user, referral.person_id, purpose=Purpose.EDIT, page="Close a referral")
    form = CloseReferralForm(request.POST or None, initial={"closure_date": timezone.localdate()})
    if submitted(
        request,
        form,
        lambda data: services.close_referral(
            actor=request.user,
            referral=referral,
            closure_date=data["closure_date"],
            reason=data["reason"],
            nfa=data["nfa"],
        ),
    ):
        messages.success(request, "Referral closed")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.jinja",
        {"form": form, "person": person, "title": "Close the referral", "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )
