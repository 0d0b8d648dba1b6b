"""The duplicate sweep's review queue: pairs of records that may be one person, best first,
and the page deciding one (merge through the merge service, or remember they differ)."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_record

from .. import duplicate_queue, services
from ..forms import DuplicateDecisionForm
from ..models import DuplicatePair


@requires(Permission.REVIEW_DUPLICATES)
@require_GET
def duplicates(request: AuthenticatedHttpRequest) -> HttpResponse:
    page, rows = duplicate_queue.review_page(request.user, request.GET.get("page"))
    return render(
        request,
        "quality/duplicates.jinja",
        {"page_obj": page, "rows": rows, "last_sweep": duplicate_queue.last_sweep()},
    )


def _pair_rows() -> "QuerySet[DuplicatePair]":
    return DuplicatePair.objects.select_related("person", "other_person")


@requires(Permission.REVIEW_DUPLICATES)
@with_record(
    DuplicatePair,
    Purpose.MERGE,
    page="Possible duplicate",
    kwarg="pair_id",
    rows=_pair_rows,
    people=lambda pair: pair.person_ids,
)
@require_http_methods(["GET", "POST"])
def duplicate_pair(request: AuthenticatedHttpRequest, pair: DuplicatePair) -> HttpResponse:
    sides = [pair.person, pair.other_person]
    form = DuplicateDecisionForm(request.POST or None, choices=[(p.pk, p.la_child_id) for p in sides])

    def decide(data: dict[str, Any]) -> DuplicatePair:
        if data["decision"] == "reject":
            return services.reject_pair(actor=request.user, pair=pair, reason=data["reason"])
        keep = next(p for p in sides if str(p.pk) == data["keep"])
        return services.accept_pair(actor=request.user, pair=pair, keep=keep, reason=data["reason"])

    def said(decided: DuplicatePair) -> str:
        if decided.merge is not None:
            return (
                f"{decided.merge.duplicate.la_child_id} was merged into {decided.merge.survivor.la_child_id}"
            )
        return "Recorded as different people: this pair will not be proposed again"

    return form_page(
        request,
        form,
        decide,
        title="Possible duplicate records",
        success=said,
        next_url=reverse("quality:duplicates"),
        template="quality/duplicate_pair.jinja",
        back=reverse("quality:duplicates"),
        context={"pair": pair, "sides": sides},
        rename={"duplicate": "keep", "survivor": "keep"},
    )
