"""Front-door pages. Thin: load through the access door, call a service, render."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core import search_terms
from core.forms import form_page, submitted
from core.http import AuthenticatedHttpRequest
from core.presenters import counted
from core.workflow import allowed_events
from people import read_audit
from people.access import Purpose, decide, get_person_for
from people.decorators import View, with_person, with_record
from people.models import Person
from people.pages import form_view
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
from .models import Contact, ContactStatus, Disagreement, Referral, ReferralStatus

NAV = {"nav_key": "frontdoor"}


def _children(record: Contact | Disagreement) -> Iterable[int]:
    """The children a contact (or a disagreement with its decision) concerns: the access door
    must let the user in to every one of them."""
    return record.child_links.values_list("person_id", flat=True)


def _contact(purpose: Purpose, page: str) -> Callable[[View], View]:
    """The door of a contact's page: the user must be let in to every child on it."""
    return with_record(Contact, purpose, page=page, people=_children)


def with_open_referrals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page starting work from the child's open referral: the view is given the child's open
    referrals after the person; a child with none goes back to their page to record one."""

    @wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, person: Person, *args: Any, **kwargs: Any) -> HttpResponse:
        referrals = list(Referral.objects.filter(person=person, status=ReferralStatus.OPEN))
        if not referrals:
            messages.info(request, "There is no open referral for this child: record the referral first")
            return redirect("people:detail", person_id=person.pk)
        return view(request, person, referrals, *args, **kwargs)

    return wrapped


def _contact_url(contact: Contact) -> str:
    return reverse("frontdoor:contact", args=[contact.pk])


def _contact_form(
    request: AuthenticatedHttpRequest,
    contact: Contact,
    form: Any,
    action: Any,
    *,
    title: str,
    success: Any,
    **context: Any,
) -> HttpResponse:
    """A form about a contact: the concern above it, back to the contact after saving."""
    return form_page(
        request,
        form,
        action,
        title=title,
        success=success,
        next_url=_contact_url(contact),
        template="frontdoor/contact_form.jinja",
        back=_contact_url(contact),
        context={"contact": contact, **NAV, **context},
    )


@requires(Permission.VIEW_FRONT_DOOR_QUEUE)
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "frontdoor/queue.jinja",
        {"queue": queries.front_door_queue(request.user, today), "today": today, **NAV},
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

    def next_url(contact: Contact) -> str:
        # A contact about no child yet goes on to finding the children it is about.
        return _contact_url(contact) if person else reverse("frontdoor:add_child", args=[contact.pk])

    return form_page(
        request,
        form,
        record,
        title="Record a contact",
        success="Contact recorded",
        next_url=next_url,
        person=person,
        template="frontdoor/record_contact.jinja",
        context=NAV,
        rename={"received_at": "received_on"},
    )


@requires(Permission.RECORD_CONTACT)
@require_http_methods(["GET", "POST"])
def record_contact(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record_contact(request, None)


@requires(Permission.RECORD_CONTACT)
@with_person(Purpose.EDIT, page="Record a contact")
@require_http_methods(["GET", "POST"])
def record_contact_for_person(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return _record_contact(request, person)


FIND_CHILD_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth-day",
    "date_of_birth-month",
    "date_of_birth-year",
    "postcode",
)


@requires(Permission.RECORD_CONTACT)
@_contact(Purpose.EDIT, page="Add a child to a contact")
@require_http_methods(["GET", "POST"])
def add_child(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
    """Find the child (duplicate check first), then add them or create a new record."""
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
    if request.method == "POST" and action == "find":
        # The names and date of birth typed are kept off the address (core.search_terms).
        token = search_terms.keep(request, fields=FIND_CHILD_FIELDS)
        return redirect(search_terms.address(reverse("frontdoor:add_child", args=[contact.pk]), token))
    if search_terms.expired(request):
        messages.info(request, "That search has ended. Search again.")
    terms = search_terms.recall(request) if action != "create" else None
    searching = terms is not None
    form: FindChildForm = (
        NewChildForm(request.POST, prefix="new") if action == "create" else FindChildForm(terms)
    )
    matches: list[Any] = []
    searched = False
    if (action == "create" or searching) and form.is_valid():
        data = form.cleaned_data
        searched = True
        matches = find_possible_duplicates(
            given_name=data["given_name"],
            family_name=data["family_name"],
            # An unborn baby's expected date finds a record of the baby, born or not, near it.
            date_of_birth=data.get("date_of_birth") or data.get("expected_date_of_birth"),
            postcode=(data.get("postcode") or "").replace(" ", "").upper(),
        )
        for match in matches:
            match.can_open = decide(request.user, match.person, Purpose.VIEW).allowed
        read_audit.record_search(
            request.user, by=["duplicate check"], listed=[m.person.pk for m in matches], obj=contact
        )

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
                "expected_date_of_birth": data.get("expected_date_of_birth"),
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
            **NAV,
        },
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_CONTACTS)
@_contact(Purpose.VIEW, page="Contact")
def contact_detail(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
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
            **NAV,
        },
    )


@requires(Permission.SCREEN_CONTACT)
@_contact(Purpose.EDIT, page="Screen a contact")
@require_http_methods(["GET", "POST"])
def screen(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
    form = ScreeningForm(
        request.POST or None,
        initial={
            "threshold_level": contact.threshold_level,
            "decision": contact.decision,
            "primary_need": contact.primary_need,
            "summary": contact.screening_summary,
            "threshold_reason": contact.threshold_reason,
        },
    )

    def screen_it(data: dict[str, Any]) -> None:
        try:
            services.screen_contact(actor=request.user, contact=contact, **data)
        except PermissionDenied as exc:  # the role may screen, but only a registered social worker does
            raise ValidationError("Screening must be done by a registered social worker") from exc

    return _contact_form(
        request,
        contact,
        form,
        screen_it,
        title="Screen the contact",
        success="Screening recorded: awaiting manager decision",
    )


@requires(Permission.CONFIRM_CONTACT_DECISION)
@_contact(Purpose.EDIT, page="Confirm a front-door decision")
@require_http_methods(["GET", "POST"])
def confirm(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
    def decide_it(data: dict[str, Any]) -> str:
        """Confirm the decision or return it; gives the message to show."""
        if data["action"] == "confirm":
            referrals = services.confirm_decision(
                actor=request.user, contact=contact, rationale=data["rationale"]
            )
            return (
                f"Decision confirmed: {counted(len(referrals), 'referral')} opened or linked"
                if referrals
                else "Decision confirmed"
            )
        services.return_for_more_work(actor=request.user, contact=contact, reason=data["rationale"])
        return "Returned for more work"

    return _contact_form(
        request,
        contact,
        ConfirmForm(request.POST or None),
        decide_it,
        title="Manager decision",
        success=lambda message: message,
        show_screening=True,
    )


@requires(Permission.RECORD_CONTACT)
@_contact(Purpose.EDIT, page="Feedback to the referrer")
@require_http_methods(["GET", "POST"])
def feedback(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
    return _contact_form(
        request,
        contact,
        FeedbackForm(request.POST or None, initial={"given_on": timezone.localdate()}),
        lambda data: services.record_feedback(actor=request.user, contact=contact, **data),
        title="Feedback to the referrer",
        success="Feedback recorded",
    )


@requires(Permission.RECORD_CONTACT)
@_contact(Purpose.EDIT, page="Record a disagreement")
@require_http_methods(["GET", "POST"])
def raise_disagreement(request: AuthenticatedHttpRequest, contact: Contact) -> HttpResponse:
    form = DisagreementForm(
        request.POST or None,
        initial={
            "raised_on": timezone.localdate(),
            "raised_by_name": contact.referrer_name,
            "agency": contact.referrer_agency,
        },
    )
    return _contact_form(
        request,
        contact,
        form,
        lambda data: services.raise_disagreement(actor=request.user, contact=contact, **data),
        title="Record a partner's disagreement",
        success="Disagreement recorded at stage 1",
    )


@requires(Permission.CONFIRM_CONTACT_DECISION)
@with_record(
    Disagreement,
    Purpose.EDIT,
    page="Escalate or resolve a disagreement",
    rows=lambda: Disagreement.objects.select_related("contact"),
    people=_children,
)
@require_http_methods(["GET", "POST"])
def disagreement(request: AuthenticatedHttpRequest, row: Disagreement) -> HttpResponse:
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

    return form_page(
        request,
        form,
        act,
        title="Partner disagreement",
        success="Disagreement updated",
        next_url=_contact_url(row.contact),
        template="frontdoor/disagreement.jinja",
        back=_contact_url(row.contact),
        context=lambda: {
            "contact": row.contact,
            "row": row,
            "events": allowed_events(DisagreementMachine, row),
            "history": list(row.status_history.select_related("recorded_by")),
            **NAV,
        },
        rename={"reason": "notes"},
    )


close_referral = form_view(
    Permission.CLOSE_REFERRAL,
    with_record(Referral, Purpose.EDIT, page="Close a referral"),
    CloseReferralForm,
    services.close_referral,
    record="referral",
    title="Close the referral",
    success="Referral closed",
    initial=lambda _: {"closure_date": timezone.localdate()},
)
