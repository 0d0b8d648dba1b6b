"""The page for undoing a merge, at the merged record's address (`people:undo_merge`)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_status, submitted
from core.http import AuthenticatedHttpRequest

from . import services
from .access import Purpose
from .decorators import with_person
from .forms import UndoMergeForm
from .models import MergeRecord, Person
from .rules import undo_deadline, undo_refusals


@requires(Permission.UNDO_MERGE)
@with_person(Purpose.UNDO_MERGE, page="Undo a merge")
@require_http_methods(["GET", "POST"])
def undo_merge(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """What the merge of this record did and, within the period and when it is safe, the
    form to undo it with a reason; otherwise why it cannot be undone."""
    record = (
        MergeRecord.objects.filter(duplicate=person, undone_at__isnull=True)
        .select_related("survivor", "merged_by")
        .first()
    )
    if record is None:
        messages.info(request, "This record is not merged into another")
        return redirect("people:detail", person_id=person.pk)
    form = UndoMergeForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda data: services.undo_merge(actor=request.user, record=record, reason=data["reason"]),
    ):
        messages.success(
            request,
            f"The merge was undone: {person.la_child_id} and {record.survivor.la_child_id} are separate records again",
        )
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/undo_merge.jinja",
        {
            "person": person,
            "record": record,
            "deadline": undo_deadline(record),
            "refusals": [] if form.errors else undo_refusals(record),
            "form": form,
            "page_has_errors": bool(form.errors),
        },
        status=form_status(form),
    )
