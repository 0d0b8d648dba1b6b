"""Recording a visit to the child."""

from accounts.permissions import Permission
from people.access import Purpose
from people.decorators import with_person
from people.pages import form_view

from .. import services
from ..forms import VisitForm

record_visit = form_view(
    Permission.RECORD_VISIT,
    with_person(Purpose.EDIT, page="Record a visit"),
    VisitForm,
    services.record_visit,
    title="Record a visit",
    success="Visit recorded",
    prefill=("kind",),
)
