from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import requires
from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest

from . import CalendarRangeError, bank_holidays, calendar_version, compute_deadline
from .forms import CalculatorForm
from .rules import RULES


@requires(Permission.VIEW_TIMESCALES)
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CalculatorForm(request.GET or None)
    deadline = None
    if request.GET and form.is_valid():
        try:
            deadline = compute_deadline(form.cleaned_data["rule"], form.clock_start())
        except CalendarRangeError:
            form.add_error("start", "Enter a date between 1990 and 2100")
    year = timezone.localdate().year
    holidays = [h for y in (year, year + 1) for h in bank_holidays(y)]
    return render(
        request,
        "timescales/rules.jinja",
        {
            "rules": list(RULES.values()),
            "form": form,
            "deadline": deadline,
            "rule": RULES.get(form.cleaned_data.get("rule", "")) if deadline else None,
            "calendar_version": calendar_version(),
            "holidays": holidays,
            "nav_key": "timescales",
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )
