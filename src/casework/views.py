from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import apply_validation_errors
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.models import Person
from people.views import with_person

from . import services
from .forms import VisitForm


@requires(Permission.RECORD_VISIT)
@with_person(Purpose.EDIT, page="Record a visit")
@require_http_methods(["GET", "POST"])
def record_visit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = VisitForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_visit(
                actor=request.user,
                person=person,
                kind=data["kind"],
                visited_on=data["visited_on"],
                child_seen=data["child_seen"],
                seen_alone=data["seen_alone"],
                bedroom_seen=data["bedroom_seen"],
                announced=data["announced"],
                location=data["location"],
                purpose=data["purpose"],
                child_said=data["child_said"],
            )
        except ValidationError as exc:
            apply_validation_errors(exc, form)
        else:
            messages.success(request, "Visit recorded")
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.jinja",
        {"form": form, "person": person, "title": "Record a visit", "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )
