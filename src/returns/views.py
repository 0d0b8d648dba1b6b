"""Statutory returns (export and download) and data quality (findings, child by child)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import GovForm, submitted
from core.http import AuthenticatedHttpRequest
from quality import duplicate_queue

from . import queries, registry, services
from .forms import AsOfForm, YearForm
from .models import ExportRun, RunStatus, Severity

CONTENT_TYPES = {
    ".xml": "application/xml",
    ".csv": "text/csv",
    ".zip": "application/zip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _forms(bound: tuple[str, forms.Form] | None = None) -> dict[str, forms.Form]:
    made: dict[str, forms.Form] = {}
    for name, spec in registry.SPECS.items():
        form_cls = YearForm if spec.parameter == "year" else AsOfForm
        made[name] = form_cls(prefix=name)
    if bound is not None:
        made[bound[0]] = bound[1]
    return made


def _exports_page(
    request: AuthenticatedHttpRequest, bound: tuple[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    runs = queries.recent_runs()
    return render(
        request,
        "returns/exports.jinja",
        {
            "forms": _forms(bound),
            "specs": registry.SPECS,
            "available": {name: registry.available(name) for name in registry.SPECS},
            "runs": runs,
            "polling": any(r.in_progress for r in runs),
            "last_validation": queries.last_validation(),
            "page_has_errors": status == 400,
        },
        status=status,
    )


@requires(Permission.EXPORT_RETURNS)
@require_GET
def exports(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _exports_page(request)


@requires(Permission.EXPORT_RETURNS)
@require_POST
def request_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    name = request.POST.get("return_name", "")
    if name not in registry.SPECS:
        return _exports_page(request, status=400)
    spec = registry.SPECS[name]
    form: forms.Form = (YearForm if spec.parameter == "year" else AsOfForm)(request.POST, prefix=name)
    if requested := submitted(
        request, form, lambda data: services.request_export(actor=request.user, return_name=name, **data)
    ):
        messages.success(request, f"{spec.label} ({requested.result.parameter_label}) requested")
        return redirect("returns:exports")
    return _exports_page(request, bound=(name, form), status=400)


@requires(Permission.EXPORT_RETURNS)
@require_GET
def runs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The list of runs alone, for polling while one is in progress (or the whole page)."""
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("returns:exports")
    recent = queries.recent_runs()
    return render(
        request, "returns/_runs.jinja", {"runs": recent, "polling": any(r.in_progress for r in recent)}
    )


@requires(Permission.EXPORT_RETURNS)
@require_GET
def download(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = ExportRun.objects.filter(pk=run_id, status=RunStatus.SUCCEEDED).exclude(file_path="").first()
    if run is None:
        raise Http404("No such finished return")
    content = services.record_download(actor=request.user, run=run)
    suffix = run.file_name[run.file_name.rfind(".") :] if "." in run.file_name else ""
    response = HttpResponse(content, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="{run.file_name}"'
    return response


@requires(Permission.EXPORT_RETURNS)
@require_POST
def validate_now(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.request_validation(actor=request.user)
    messages.success(request, "Every record will be checked against the validation rules shortly")
    return redirect("returns:data_quality")


class FilterForm(GovForm):
    return_name = forms.ChoiceField(
        label="Return",
        required=False,
        choices=[("", "All returns")] + [(n, registry.SPECS[n].label) for n in registry.VALIDATED],
    )
    severity = forms.ChoiceField(
        label="Severity",
        required=False,
        choices=[("", "Errors and queries"), (Severity.ERROR, "Errors"), (Severity.QUERY, "Queries")],
    )
    rule = forms.CharField(label="Rule", required=False, max_length=60)


@requires(Permission.VIEW_DATA_QUALITY)
@require_GET
def data_quality(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters: dict[str, Any] = {"return_name": "", "severity": "", "rule": ""}
    if form.is_bound and form.is_valid():
        filters.update({k: v or "" for k, v in form.cleaned_data.items()})
    limit = 500 if filters["rule"] else queries.CHILDREN_PER_RULE
    groups = queries.rule_groups(request.user, limit=limit, **filters)
    return render(
        request,
        "returns/data_quality.jinja",
        {
            "form": form,
            "filters": filters,
            "groups": groups,
            "gaps": queries.gaps(request.user, return_name=filters["return_name"]),
            "return_level": queries.return_level_findings(request.user),
            "everyone": queries.sees_everyone(request.user),
            "duplicates_awaiting": duplicate_queue.awaiting_count()
            if request.user.has_perm(Permission.REVIEW_DUPLICATES.value)
            else None,
            "last_validation": queries.last_validation(),
            "available": {name: registry.available(name) for name in registry.VALIDATED},
            "specs": registry.SPECS,
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )
