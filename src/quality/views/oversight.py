"""Recording management oversight on a child's record."""

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person

from .. import forms as f
from .. import queries, services
from ..models import OversightPoint


@requires(Permission.RECORD_MANAGEMENT_DECISION)
@with_person(Purpose.EDIT, page="Management oversight")
@require_http_methods(["GET", "POST"])
def new_oversight(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    point = request.GET.get("point", "")
    return form_page(
        request,
        f.OversightForm(
            request.POST or None,
            owners=queries.practitioners(),
            initial={"point": point} if point in OversightPoint.values else None,
        ),
        lambda d: services.record_oversight(actor=request.user, person=person, **f.with_actions(d)),
        title="Record management oversight",
        person=person,
        success="Management oversight recorded",
    )
