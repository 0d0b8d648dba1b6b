from typing import Any

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person
from people.views import person_form_page

from . import services
from .forms import VisitForm


@requires(Permission.RECORD_VISIT)
@with_person(Purpose.EDIT, page="Record a visit")
@require_http_methods(["GET", "POST"])
def record_visit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = VisitForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})

    def action(data: dict[str, Any]) -> None:
        services.record_visit(actor=request.user, person=person, **data)

    return person_form_page(request, person, form, "Record a visit", action, "Visit recorded")
