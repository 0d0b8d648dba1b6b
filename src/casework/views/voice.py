"""The child's voice: their wishes and feelings, and a drawing or recording of theirs."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest, file_download
from people.access import Purpose, get_person_for
from people.decorators import with_person, with_record
from people.models import Person

from .. import services
from ..forms import ChildViewForm
from ..models import ChildView


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Child's wishes and feelings")
@require_http_methods(["GET", "POST"])
def voice(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    if request.method == "POST":
        if not request.user.has_perm(Permission.RECORD_CASE_NOTE.value):
            raise PermissionDenied
        get_person_for(request.user, person.pk, purpose=Purpose.EDIT, page="Record the child's views")
    return form_page(
        request,
        ChildViewForm(request.POST or None, request.FILES or None, initial=_voice_initial(request)),
        lambda data: services.record_child_view(actor=request.user, person=person, **data),
        title="Child's wishes and feelings",
        success="The child's views are recorded",
        next_url=reverse("casework:voice", args=[person.pk]),
        person=person,
        template="casework/voice.jinja",
        context=lambda: {"views": ChildView.objects.filter(person=person).select_related("recorded_by")},
    )


def _voice_initial(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    key = request.GET.get("informs", "")
    return {"recorded_on": timezone.localdate(), "informed_source_key": key}


@requires(Permission.VIEW_CHRONOLOGY)
@with_record(ChildView, Purpose.VIEW, page="Child's drawing or recording", kwarg="view_id")
@require_GET
def voice_file(request: AuthenticatedHttpRequest, view: ChildView) -> HttpResponse:
    """The child's drawing or recording, as a download (never shown as a page; its type was
    checked by its bytes when it was uploaded)."""
    if not view.attachment:
        raise Http404("No file")
    name = view.attachment.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name.rsplit("/", 1)[-1] else ""
    return file_download(  # type: ignore[return-value]
        view.attachment.open("rb"),
        view.attachment_type or "application/octet-stream",
        f"childs-view-{view.pk}{suffix}",
    )
