"""Person pages. Every person is reached through `people.access` (the one door)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission, role_has
from core import search_terms
from core.extensions import OVERSIGHT
from core.forms import form_page, form_status, submitted
from core.http import AuthenticatedHttpRequest

from . import read_audit, services
from .access import Purpose, active_restriction, break_glass, decide, find_by_la_id
from .decorators import with_person
from .forms import (
    AddressForm,
    AlertForm,
    BreakGlassForm,
    EditPersonForm,
    MergeForm,
    NameForm,
    NewPersonForm,
    RelationshipForm,
    RestrictForm,
    SearchForm,
)
from .models import Person
from .pages import form_view
from .presenters import PersonPage
from .search import SearchQuery, find_possible_duplicates, parse_free_text, search_people


@requires(Permission.SEARCH_PEOPLE)
@require_http_methods(["GET", "POST"])
def search_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The search is posted and its results shown at an opaque token (`core.search_terms`),
    so no name, date of birth, NHS number or postcode travels in an address."""
    relate_to = request.POST.get("relate_to") or request.GET.get("relate_to", "")
    relate_to = relate_to if relate_to.isdigit() else ""
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid() and (query := _search_query(form)).harbour_id and not relate_to:
            found = search_people(request.user, query)
            only = found.matches[0] if len(found.matches) == 1 else None
            if only and only.can_open:
                # The child whose Harbour ID was typed: straight to their record (opened, and
                # audited, by the record's own door).
                _audit_search(request.user, query, found.matches)
                return redirect("people:detail", only.person.pk)
        token = search_terms.keep(request, fields=SEARCH_FIELDS)
        return redirect(search_terms.address(reverse("people:search"), token, relate_to=relate_to))
    if search_terms.expired(request):
        messages.info(request, "That search has ended. Search again.")
    terms = search_terms.recall(request)
    form = SearchForm(terms)
    results = None
    more = False
    query = SearchQuery()
    if terms is not None and form.is_valid():
        query = _search_query(form)
        found = search_people(request.user, query)
        results, more = found.matches, found.more
        _audit_search(request.user, query, results)
    return render(
        request,
        "people/search.jinja",
        {
            "form": form,
            "results": results,
            "more": more,
            "query": query,
            "nav_key": "search",
            "relate_to": relate_to,
            "page_has_errors": bool(form.errors),
        },
    )


SEARCH_FIELDS = (
    "q",
    "date_of_birth-day",
    "date_of_birth-month",
    "date_of_birth-year",
    "nhs_number",
    "postcode",
)


def _search_query(form: SearchForm) -> SearchQuery:
    free = parse_free_text(form.cleaned_data["q"])
    return SearchQuery(
        name=free.name,
        date_of_birth=form.cleaned_data["date_of_birth"] or free.date_of_birth,
        nhs_number=form.cleaned_data["nhs_number"] or free.nhs_number,
        postcode=form.cleaned_data["postcode"] or free.postcode,
        harbour_id=free.harbour_id,
    )


def _audit_search(user: User, query: SearchQuery, results: list[Any]) -> None:
    """Every search is audited: by what kinds of detail, and which records it listed (never
    the terms typed). A search by Harbour ID that found one child names that child."""
    person = results[0].person if query.harbour_id and len(results) == 1 else None
    read_audit.record_search(user, by=query.kinds, listed=[m.person.pk for m in results], person=person)


def _new_person_args(data: dict[str, Any]) -> tuple[dict[str, Any], services.NewAddress | None]:
    address = None
    if data.get("address_line_1"):
        address = services.NewAddress(
            line_1=data["address_line_1"],
            line_2=data.get("address_line_2", ""),
            town=data["address_town"],
            postcode=data["address_postcode"],
            start_date=data.get("address_start") or timezone.localdate(),
        )
    return {k: data[k] for k in services.PERSON_FIELDS if k in data}, address


@requires(Permission.CREATE_PERSON)
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewPersonForm(request.POST or None, initial={"record_type": request.GET.get("type", "")})
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = find_possible_duplicates(
            given_name=data["given_name"],
            family_name=data["family_name"],
            # An unborn baby's expected date finds a record of the baby, born or not, near it.
            date_of_birth=data.get("date_of_birth") or data.get("expected_date_of_birth"),
            nhs_number=data.get("nhs_number", ""),
            postcode=data.get("address_postcode", ""),
        )
        for match in duplicates:
            # A restricted record is still offered as a match, but without its details.
            match.can_open = decide(request.user, match.person, Purpose.VIEW).allowed
        read_audit.record_search(
            request.user, by=["duplicate check"], listed=[m.person.pk for m in duplicates]
        )

    def create_it(data: dict[str, Any]) -> Person:
        fields, address = _new_person_args(data)
        return services.create_person(
            actor=request.user, data=fields, address=address, disabilities=data["disabilities"]
        )

    # Possible duplicates are shown first; the record is created when there are none, or when
    # the user confirms none of them is this person.
    if (not duplicates or form.cleaned_data.get("confirm_new")) and (
        created := submitted(request, form, create_it)
    ):
        messages.success(request, f"Record created: {created.result.la_child_id}")
        return redirect("people:detail", person_id=created.result.pk)
    return render(
        request,
        "people/create.jinja",
        {"form": form, "duplicates": duplicates, "nav_key": "create", "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_PERSON)
@with_person(Purpose.VIEW, page="Person page")
def detail(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """The record's summary: who the child is, key dates and what can be done."""
    return render(request, "people/detail.jinja", {"page": PersonPage(person, request.user)})


@requires(Permission.VIEW_PERSON)
@with_person(Purpose.VIEW, page="Work and plans")
def work(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """Each stage's part of the record (its panel) and who has held the case."""
    return render(request, "people/work.jinja", {"page": PersonPage(person, request.user), "section": "work"})


@requires(Permission.VIEW_PERSON)
@with_person(Purpose.VIEW, page="Oversight")
def oversight(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """The managers' and auditors' panels: decisions, supervision, audits, data quality."""
    page = PersonPage(person, request.user, section=OVERSIGHT)
    return render(request, "people/work.jinja", {"page": page, "section": "oversight"})


@requires(Permission.VIEW_PERSON)
@with_person(Purpose.VIEW, page="Family and addresses")
def family(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """The family and network, other names and the addresses."""
    return render(request, "people/family.jinja", {"page": PersonPage(person, request.user)})


def _initial(person: Person) -> dict[str, Any]:
    return {**{k: getattr(person, k) for k in services.PERSON_FIELDS}, "version": person.version}


@requires(Permission.EDIT_PERSON)
@with_person(Purpose.EDIT, page="Edit identity")
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = EditPersonForm(request.POST or None, initial=_initial(person))
    saved = submitted(  # a stale edit comes back as the conflict on the form (core.versioning)
        request,
        form,
        lambda data: services.update_person(
            actor=request.user,
            person=person,
            data={k: data[k] for k in services.PERSON_FIELDS if k in data},
            expected_version=data["version"],
        ),
    )
    if saved:
        messages.success(request, "Identity details saved")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/edit.jinja",
        {"form": form, "person": person, "page_has_errors": bool(form.errors)},
        status=form_status(form),
    )


@requires(Permission.EDIT_PERSON)
@with_person(Purpose.EDIT, page="Add address")
@require_http_methods(["GET", "POST"])
def add_address(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        AddressForm(request.POST or None),
        lambda data: services.add_address(
            actor=request.user, person=person, address=services.NewAddress(**data)
        ),
        title="Add an address",
        success="Address added",
        person=person,
        next_url=reverse("people:family", args=[person.pk]),
    )


add_name = form_view(
    Permission.EDIT_PERSON,
    with_person(Purpose.EDIT, page="Add name"),
    NameForm,
    services.add_name,
    title="Add a previous name or alias",
    success="Name added",
    next_url=lambda person: reverse("people:family", args=[person.pk]),
)

add_alert = form_view(
    Permission.EDIT_PERSON,
    with_person(Purpose.EDIT, page="Add alert"),
    AlertForm,
    services.add_alert,
    title="Add an alert",
    success="Alert added",
    next_url=lambda person: reverse("people:detail", args=[person.pk]),
)


@requires(Permission.MANAGE_RELATIONSHIPS)
@with_person(Purpose.EDIT, page="Add relationship")
@require_http_methods(["GET", "POST"])
def add_relationship(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = RelationshipForm(request.POST or None, initial={"other_id": request.GET.get("other", "")})

    def action(data: dict[str, Any]) -> None:
        other = find_by_la_id(request.user, data["other_id"], page="Add relationship")
        if other is None:
            raise ValidationError({"other_id": "No record you can open has that Harbour ID"})
        a, b = (other, person) if data["direction"] == "other_is" else (person, other)
        services.add_relationship(
            actor=request.user,
            person_a=a,
            person_b=b,
            type=data["type"],
            parental_responsibility=data["parental_responsibility"],
            lives_with=data["lives_with"],
            start_date=data["start_date"],
            notes=data["notes"],
        )

    return form_page(
        request,
        form,
        action,
        title="Add a family member or network member",
        success="Relationship added",
        person=person,
        next_url=reverse("people:family", args=[person.pk]),
    )


@requires(Permission.RESTRICT_RECORD)
@with_person(Purpose.RESTRICT, page="Restrict record")
@require_http_methods(["GET", "POST"])
def restrict(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    staff = User.objects.filter(is_active=True).exclude(pk=request.user.pk).order_by("last_name")
    choices = [
        (str(u.pk), f"{u.display_name} – {u.role_label}")
        for u in staff
        if role_has(u.role, Permission.VIEW_PERSON)
    ]
    current = active_restriction(person)
    initial = (
        {
            "reason": current.reason,
            "details": current.details,
            "named_users": [str(pk) for pk in current.named_users.values_list("pk", flat=True)],
        }
        if current is not None
        else None
    )
    form = RestrictForm(request.POST or None, user_choices=choices, initial=initial)

    def action(data: dict[str, Any]) -> None:
        services.restrict_record(
            actor=request.user,
            person=person,
            reason=data["reason"],
            details=data["details"],
            manager=request.user,
            named_users=User.objects.filter(pk__in=data["named_users"]),
        )

    return form_page(
        request,
        form,
        action,
        title="Restrict this record",
        success="The record is now restricted",
        person=person,
        next_url=reverse("people:detail", args=[person.pk]),
    )


@requires(Permission.BREAK_GLASS)
@require_http_methods(["POST"])
def break_glass_view(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    form = BreakGlassForm(request.POST)

    def open_record(data: dict[str, Any]) -> None:
        try:
            break_glass(actor=request.user, person_id=person_id, reason=data["reason"])
        except ValueError as exc:  # the access module's refusal (a reason too short to record)
            raise ValidationError({"reason": str(exc)}) from exc

    if submitted(request, form, open_record):
        back = form.cleaned_data.get("next") or ""
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None) and back.startswith("/"):
            return redirect(back)  # the address the user was refused at (a plan, a note …)
        return redirect("people:detail", person_id=person_id)
    return render(
        request,
        "people/restricted.jinja",
        {
            "person_id": person_id,
            "la_child_id": "",
            "can_break_glass": True,
            "form": form,
            "page_has_errors": True,
        },
        status=400,
    )


@requires(Permission.MERGE_PEOPLE)
@with_person(Purpose.MERGE, page="Merge records")
@require_http_methods(["GET", "POST"])
def merge(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = MergeForm(request.POST or None, initial={"duplicate_id": request.GET.get("duplicate", "")})
    duplicate = None
    if request.method == "POST" and form.is_valid():
        duplicate = find_by_la_id(
            request.user, form.cleaned_data["duplicate_id"], purpose=Purpose.MERGE, page="Merge records"
        )
        if duplicate is None:
            form.add_error("duplicate_id", "No active record you can open has that Harbour ID")
        elif duplicate.pk == person.pk:
            form.add_error("duplicate_id", "Enter the Harbour ID of a different record")
            duplicate = None
    # The first POST finds the duplicate and asks for confirmation; the second merges.
    if (
        duplicate is not None
        and request.POST.get("confirm") == "yes"
        and submitted(
            request,
            form,
            lambda data: services.merge_people(
                actor=request.user, survivor=person, duplicate=duplicate, reason=data["reason"]
            ),
        )
    ):
        messages.success(request, f"{duplicate.la_child_id} was merged into this record")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/merge.jinja",
        {"form": form, "person": person, "duplicate": duplicate, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )
