"""The workforce: each team's establishment for a month with its vacancy, agency and turnover
rates, the authority's over the last year, and recording a team's month."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url

from .. import establishment, services
from .. import forms as f


def _month(text: str) -> date | None:
    """`?month=2026-10`: the month asked for, if well formed."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


@requires(Permission.VIEW_QUALITY)
def workforce(request: AuthenticatedHttpRequest) -> HttpResponse:
    month = _month(request.GET.get("month", "")) or establishment.latest_month()
    rows = establishment.for_month(month) if month else []
    return render(
        request,
        "quality/workforce.jinja",
        {
            "month": month,
            "rows": rows,
            "total": establishment.total(rows, month) if month and rows else None,
            "trend": establishment.trend(month) if month else [],
            "nav_key": "workforce",
        },
    )


@requires(Permission.RECORD_ESTABLISHMENT)
@require_http_methods(["GET", "POST"])
def new_establishment(request: AuthenticatedHttpRequest) -> HttpResponse:
    return form_page(
        request,
        f.EstablishmentForm(request.POST or None),
        lambda d: services.record_establishment(actor=request.user, **d),
        title="Record a team's establishment",
        success="Establishment recorded",
        next_url=lambda row: url("quality:workforce") + f"?month={row.month:%Y-%m}",
        back=url("quality:workforce"),
    )
