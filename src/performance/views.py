"""The performance pages: the overview of every indicator, one indicator with its trend and
breakdown, the drill-down to a team, a worker and the children (for an indicator of workers,
to a team and its workers or its establishment), targets and the child population. Every table downloads as CSV (`?format=csv`) or Excel (`?format=xlsx`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.decorators import requires
from accounts.models import Team, User
from accounts.permissions import Permission
from audit import services as auditor
from audit.models import AuditAction
from casework.rendering import to_pdf
from core.forms import form_page
from core.http import AuthenticatedHttpRequest

from . import drill, equality, export, pages, periods, services
from .catalogue import CATALOGUE, Indicator, Subject
from .chart import trend_svg
from .forms import ComparatorForm, PeriodForm, PopulationForm, PopulationGroupsForm, TargetForm
from .models import ChildPopulation
from .periods import Period, parse
from .report import monthly_report


def _period(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, Period, int]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, choices=pages.period_choices(today))
    wanted = request.GET.get("period", "")
    try:
        period = parse(wanted, today)
    except ValueError:
        form.is_valid()
        return form, parse("", today), 400
    return form, period, 200


def _indicator(indicator_id: str) -> Indicator:
    try:
        return CATALOGUE.indicators[indicator_id]
    except KeyError as exc:
        raise Http404("No such indicator") from exc


def _download(
    request: AuthenticatedHttpRequest, name: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> HttpResponse | None:
    kind = request.GET.get("format", "")
    if kind not in ("csv", "xlsx"):
        return None
    auditor.record(
        actor=request.user, action=AuditAction.EXPORT, summary=f"Performance table {name} ({kind})"[:200]
    )
    return (export.csv_response if kind == "csv" else export.xlsx_response)(name, header, rows)


def _group_rows(groups: Sequence[drill.Group]) -> list[list[object]]:
    return [
        [
            g.name,
            g.figure.numerator if g.figure.numerator is not None else g.figure.count,
            g.figure.denominator,
            pages.shown(g.figure.value, g.figure.indicator.unit),
        ]
        for g in groups
    ]


GROUP_HEADER = ["Name", "Count or numerator", "Denominator", "Value"]


@requires(Permission.VIEW_PERFORMANCE)
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, period, status = _period(request)
    scope, families = pages.overview(request.user, period)
    kinds = pages.other_kinds(families)
    header = [
        "Indicator",
        "Unit",
        "Value",
        "Count or numerator",
        "Denominator",
        "Target",
        "Status",
        "England",
        "England year",
        *kinds,
        "Direction of travel",
    ]
    table = [
        [
            line.indicator.title,
            line.indicator.unit.value,
            line.value,
            line.figure.numerator if line.figure.numerator is not None else line.figure.count,
            line.figure.denominator,
            line.target.target if line.target else "",
            line.rag,
            line.england.value if line.england else "",
            line.england.year if line.england else "",
            *[_other(line, kind) for kind in kinds],
            line.direction,
        ]
        for family in families
        for line in family.lines
    ]
    if download := _download(request, f"indicators-{period.key.replace(':', '-')}", header, table):
        return download
    return render(
        request,
        "performance/index.jinja",
        {
            "form": form,
            "period": period,
            "scope": scope,
            "families": families,
            "other_kinds": kinds,
            "other": _other,
            "page_has_errors": status == 400,
        },
        status=status,
    )


def _other(line: pages.Line, kind: str) -> str:
    """A line's comparator of a kind other than England ("Region"), as "52.1 (2025)"."""
    found = next((c for c in line.others if c.label == kind), None)
    return f"{found.value} ({found.year})" if found else ""


@requires(Permission.VIEW_PERFORMANCE)
@require_GET
def indicator(request: AuthenticatedHttpRequest, indicator_id: str) -> HttpResponse:
    measure = _indicator(indicator_id)
    form, period, status = _period(request)
    detail = pages.detail(request.user, measure, period)
    groups: list[drill.Group] = []
    of_staff = measure.subject != Subject.CHILD
    level = "staff" if of_staff else "children"
    if detail.scope.everyone:
        groups, level = drill.by_team(measure, period, detail.rows, detail.population), "team"
    elif detail.scope.team_id is not None and not of_staff:
        groups, level = drill.by_worker(measure, period, detail.rows, detail.population), "worker"
    children = drill.children(request.user, detail.rows) if level == "children" else []
    staff = drill.staff_rows(measure.subject, detail.rows) if level == "staff" else []
    shares = (
        {}
        if of_staff
        else equality.breakdown([r.item for r in detail.rows], equality.population_groups(period))
    )
    name = f"{measure.id}-{period.key.replace(':', '-')}"
    if request.GET.get("table") == "equality":
        rows = [
            [what, s.group, s.count, s.percent, "" if s.population_percent is None else s.population_percent]
            for what, found in shares.items()
            for s in found
        ]
        header = ["Characteristic", "Group", "Count", "Percentage", "Percentage of the child population"]
        if download := _download(request, f"{name}-equality", header, rows):
            return download
    elif download := _download(request, name, *_table(level, groups, children, staff)):
        return download
    trend = [(p.start.strftime("%b %Y"), f) for p, f in detail.trend]
    return render(
        request,
        "performance/indicator.jinja",
        {
            "form": form,
            "period": period,
            "indicator": measure,
            "detail": detail,
            "line": detail.line,
            "groups": groups,
            "level": level,
            "children": children,
            "staff": staff,
            "trend": trend,
            "shares": shares,
            "chart": trend_svg(
                f"{measure.title}: the 13 months to {trend[-1][0]}",
                [(p.start.strftime("%b %y"), f.value) for p, f in detail.trend],
                target=detail.line.target.target if detail.line.target else None,
                unit="%" if measure.unit.value == "percentage" else "",
            ),
            "shown": pages.shown,
            "page_has_errors": status == 400,
        },
        status=status,
    )


def _table(
    level: str,
    groups: Sequence[drill.Group],
    children: Sequence[drill.ChildRow],
    staff: Sequence[drill.StaffRow] = (),
) -> tuple[list[str], list[list[object]]]:
    if level == "staff":
        return (
            ["Name", "Team", "What", "Date", "Meets the measure", "Value"],
            [[s.name, s.team, s.what, s.on, "Yes" if s.hit else "No", s.value] for s in staff],
        )
    if level != "children":
        return ["Team" if level == "team" else "Worker", *GROUP_HEADER[1:]], _group_rows(groups)
    return (
        ["Harbour ID", "Name", "What", "Date", "Meets the measure", "Working days"],
        [[c.la_child_id, c.name, c.what, c.on, "Yes" if c.hit else "No", c.days] for c in children],
    )


@requires(Permission.VIEW_PERFORMANCE)
@require_GET
def team(request: AuthenticatedHttpRequest, indicator_id: str, team_id: int) -> HttpResponse:
    measure = _indicator(indicator_id)
    form, period, status = _period(request)
    detail = pages.detail(request.user, measure, period)
    if not drill.may_see_team(detail.scope, team_id):
        raise PermissionDenied
    name = "Unallocated" if team_id == drill.UNALLOCATED else _team_name(team_id)
    rows = [r for r in detail.rows if r.team_id == team_id]
    if measure.subject != Subject.CHILD:  # the team's workers (or its establishment), each a row
        groups, staff, level = [], drill.staff_rows(measure.subject, rows), "staff"
    else:
        groups, staff, level = drill.by_worker(measure, period, rows, detail.population), [], "worker"
    if download := _download(request, f"{measure.id}-team-{team_id}", *_table(level, groups, [], staff)):
        return download
    return render(
        request,
        "performance/team.jinja",
        {"form": form, "period": period, "indicator": measure, "team_id": team_id, "team_name": name, "groups": groups, "staff": staff,
         "figure": drill.scoped(measure, period, rows, drill.Scope(everyone=True), detail.population), "shown": pages.shown},
        status=status,
    )  # fmt: skip


def _team_name(team_id: int) -> str:
    found = Team.objects.filter(pk=team_id).values_list("name", flat=True).first()
    if found is None:
        raise Http404("No such team")
    return found


@requires(Permission.VIEW_PERFORMANCE)
@require_GET
def worker(request: AuthenticatedHttpRequest, indicator_id: str, user_id: int) -> HttpResponse:
    worker_id = user_id
    measure = _indicator(indicator_id)
    if measure.subject != Subject.CHILD:
        raise Http404("No children are behind a figure of workers or teams")
    form, period, status = _period(request)
    detail = pages.detail(request.user, measure, period)
    if not drill.may_see_worker(detail.scope, detail.rows, worker_id):
        raise PermissionDenied
    rows = [r for r in detail.rows if r.worker_id == worker_id]
    who = User.objects.filter(pk=worker_id).first() if worker_id != drill.UNALLOCATED else None
    if worker_id != drill.UNALLOCATED and who is None:
        raise Http404("No such worker")
    children = drill.children(request.user, rows)
    if download := _download(request, f"{measure.id}-worker-{worker_id}", *_table("children", [], children)):
        return download
    auditor.record(
        actor=request.user,
        action=AuditAction.VIEW,
        summary=f"Performance: children behind {measure.id}"[:200],
    )
    team_id = rows[0].team_id if rows else None
    return render(
        request,
        "performance/worker.jinja",
        {"form": form, "period": period, "indicator": measure, "worker_name": who.display_name if who else "Unallocated",
         "team_id": team_id, "team_name": _team_name(team_id) if team_id else "", "children": children,
         "figure": drill.scoped(measure, period, rows, drill.Scope(everyone=True), detail.population), "shown": pages.shown},
        status=status,
    )  # fmt: skip


@requires(Permission.VIEW_PERFORMANCE)
@require_GET
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The monthly report as PDF: `?month=YYYY-MM`, by default the last complete month."""
    today = timezone.localdate()
    try:
        year, _, number = request.GET.get("month", "").partition("-")
        month = periods.month(int(year), int(number))
    except ValueError:
        last = today.replace(day=1) - timedelta(days=1)
        month = periods.month(last.year, last.month)
    pdf = to_pdf(monthly_report(request.user, month))
    auditor.record(actor=request.user, action=AuditAction.EXPORT, summary=f"Performance report {month.label}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="performance-report-{month.start:%Y-%m}.pdf"'
    return response


@requires(Permission.MANAGE_PERFORMANCE)
def set_target(request: AuthenticatedHttpRequest, indicator_id: str) -> HttpResponse:
    measure = _indicator(indicator_id)
    back = reverse("performance:indicator", args=[measure.id])
    return form_page(
        request,
        TargetForm(request.POST or None),
        lambda data: services.set_target(actor=request.user, indicator_id=measure.id, **data),
        title=f"Set the target: {measure.title}",
        success="Target saved",
        next_url=back,
        back=back,
    )


@requires(Permission.MANAGE_PERFORMANCE)
def comparators(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ComparatorForm(
        request.POST or None,
        request.FILES or None,
        choices=[(i.id, i.title) for i in CATALOGUE.indicators.values()],
    )
    return form_page(
        request,
        form,
        lambda data: services.load_comparator(
            actor=request.user,
            indicator_id=data["indicator"],
            content=data["file"].read(),
            filename=data["file"].name,
            column=data["column"],
            kind=data["kind"],
            area=data["area"],
        ),
        title="Load a comparator from the DfE's files",
        success="Comparator loaded",
        next_url=lambda row: reverse("performance:indicator", args=[row.indicator_id]),
        back=reverse("performance:index"),
    )


@requires(Permission.MANAGE_PERFORMANCE)
def population(request: AuthenticatedHttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "years": ChildPopulation.objects.select_related("recorded_by").prefetch_related("groups")
    }
    return form_page(
        request,
        PopulationForm(request.POST or None),
        lambda data: services.set_population(actor=request.user, **data),
        title="Child population",
        success="Population saved",
        next_url=reverse("performance:population"),
        back=reverse("performance:index"),
        template="performance/population.jinja",
        context=context,
    )


@requires(Permission.MANAGE_PERFORMANCE)
def population_groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    back = reverse("performance:population")
    return form_page(
        request,
        PopulationGroupsForm(request.POST or None),
        lambda data: services.set_population_groups(
            actor=request.user, year=data["year"], groups=data["groups"]
        ),
        title="Child population by sex, age and ethnic group",
        success="Population groups saved",
        next_url=back,
        back=back,
    )
