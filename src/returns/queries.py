"""Read models for the returns pages: runs, findings grouped by rule, a child's findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, QuerySet

from accounts.models import User
from accounts.permissions import Permission
from people.access import caseload_scope, la_child_ids, openable_ids

from . import registry
from .links import Link, link_for
from .models import ExportRun, Severity, ValidationFinding, ValidationRun

CHILDREN_PER_RULE = 25


def recent_runs(limit: int = 20) -> list[ExportRun]:
    return list(ExportRun.objects.select_related("requested_by")[:limit])


def last_validation() -> ValidationRun | None:
    return ValidationRun.objects.filter(finished_at__isnull=False).first()


def sees_everyone(user: User) -> bool:
    return user.has_perm(Permission.VIEW_ALL_TEAMS.value)


def scoped_findings(user: User) -> QuerySet[ValidationFinding]:
    """Current findings on the children the user answers for (own, team's, or everyone)."""
    current = ValidationFinding.objects.current().filter(person__isnull=False)
    if sees_everyone(user):
        return current
    return current.filter(person_id__in=caseload_scope(user).values("pk"))


@dataclass
class ChildRow:
    person_id: int
    la_child_id: str
    openable: bool
    link: Link | None
    fields: list[str]


@dataclass
class RuleGroup:
    return_name: str
    return_label: str
    rule_code: str
    severity: str
    message: str
    children: int
    rows: list[ChildRow] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(0, self.children - len({r.person_id for r in self.rows}))


def _label(name: str) -> str:
    return registry.SPECS[name].label if name in registry.SPECS else name


def rule_groups(
    user: User, *, return_name: str = "", severity: str = "", rule: str = "", limit: int = CHILDREN_PER_RULE
) -> list[RuleGroup]:
    """Each failing rule (not gaps) with the children affected, within the user's scope."""
    qs = scoped_findings(user).exclude(severity=Severity.GAP)
    if return_name:
        qs = qs.filter(return_name=return_name)
    if severity:
        qs = qs.filter(severity=severity)
    if rule:
        qs = qs.filter(rule_code=rule)
    grouped = (
        qs.values("return_name", "rule_code", "severity")
        .annotate(children=Count("person_id", distinct=True), message=Min("message"))
        .order_by("severity", "return_name", "rule_code")
    )
    groups = [
        RuleGroup(
            return_name=g["return_name"],
            return_label=_label(g["return_name"]),
            rule_code=g["rule_code"],
            severity=g["severity"],
            message=g["message"],
            children=g["children"],
        )
        for g in grouped
    ]
    samples: list[tuple[RuleGroup, list[Any]]] = []
    for group in groups:
        found = list(
            qs.filter(return_name=group.return_name, rule_code=group.rule_code, severity=group.severity)
            .order_by("person_id", "id")
            .values("person_id", "source_model", "source_pk", "fields")[:limit]
        )
        samples.append((group, found))
    ids = sorted({row["person_id"] for _, found in samples for row in found})
    names = la_child_ids(ids)
    allowed = openable_ids(user, ids)
    for group, found in samples:
        group.rows = [
            ChildRow(
                person_id=row["person_id"],
                la_child_id=names.get(row["person_id"], ""),
                openable=row["person_id"] in allowed,
                link=link_for(row["person_id"], row["source_model"], row["source_pk"]),
                fields=list(row["fields"] or []),
            )
            for row in found
        ]
    return groups


@dataclass
class GapRow:
    return_label: str
    item: str
    explanation: str
    children: int


def gaps(user: User, *, return_name: str = "") -> list[GapRow]:
    """What the returns need that Harbour does not record: return-level gaps (shown to
    everyone who sees data quality) and child-level gap findings within the user's scope."""
    current = ValidationFinding.objects.current().filter(severity=Severity.GAP)
    if return_name:
        current = current.filter(return_name=return_name)
    rows = [
        GapRow(_label(g.return_name), g.rule_code, g.message, 0)
        for g in current.filter(person__isnull=True).order_by("return_name", "rule_code")
    ]
    child_level = (
        scoped_findings(user)
        .filter(severity=Severity.GAP, **({"return_name": return_name} if return_name else {}))
        .values("return_name", "rule_code")
        .annotate(children=Count("person_id", distinct=True), message=Min("message"))
        .order_by("return_name", "rule_code")
    )
    rows += [
        GapRow(_label(g["return_name"]), g["rule_code"], g["message"], g["children"]) for g in child_level
    ]
    return rows


def return_level_findings(user: User) -> list[ValidationFinding]:
    """Findings on a whole return (no child), for those who see everyone."""
    if not sees_everyone(user):
        return []
    return list(
        ValidationFinding.objects.current().filter(person__isnull=True).exclude(severity=Severity.GAP)
    )


def child_findings(person_id: int) -> list[dict[str, Any]]:
    rows = []
    for f in (
        ValidationFinding.objects.current().filter(person_id=person_id).order_by("severity", "rule_code")
    ):
        rows.append(
            {
                "finding": f,
                "return_label": _label(f.return_name),
                "link": link_for(person_id, f.source_model, f.source_pk),
            }
        )
    return rows
