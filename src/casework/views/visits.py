"""Recording a visit to the child."""

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person

from .. import services
from ..forms import VisitForm


@requires(Permission.RECORD_VISIT)
@with_person(Purpose.EDIT, page="Record a visit")
@require_http_methods(["GET", "POST"])
def record_visit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        VisitForm(request.POST or None, initial={"kind": request.GET.get("kind", "")}),
        lambda data: services.record_visit(actor=request.user, person=person, **data),
        title="Record a visit",
        success="Visit recorded",
        person=person,
    )
