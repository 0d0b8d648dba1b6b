"""Keeping the stored validation findings current (used by the services, one transaction each).

A finding's identity is its return, rule, child, source record and fields (`finding_key`).
`sync` compares what a validation raised now with what is stored for the same scope (the
whole return, or some children): still raised -> last seen now; no longer raised ->
resolved now; raised again after being resolved -> current again, first seen now; new -> added.
Return-level gaps (items Harbour does not record) are stored as findings of severity "gap"
with no child, and are kept current only by whole-return runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .base import Finding, Gap
from .models import ValidationFinding

BATCH = 2000


@dataclass(frozen=True)
class Row:
    key: str
    return_name: str
    rule_code: str
    message: str
    severity: str
    person_id: int | None
    source_model: str
    source_pk: int | None
    fields: tuple[str, ...]


def finding_key(
    return_name: str, rule_code: str, person_id: object, model: str, pk: object, fields: Iterable[str]
) -> str:
    raw = "|".join(
        [return_name, rule_code, str(person_id or ""), model, "" if pk is None else str(pk), ",".join(fields)]
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def row_for_finding(return_name: str, finding: Finding) -> Row:
    source = finding.source
    person_id = source.person_id if source else None
    model = source.model if source else ""
    pk = source.pk if source else None
    fields = tuple(finding.fields)
    return Row(
        key=finding_key(return_name, finding.rule_code, person_id, model, pk, fields),
        return_name=return_name,
        rule_code=finding.rule_code[:60],
        message=finding.message,
        severity=str(finding.severity),
        person_id=person_id,
        source_model=model[:60],
        source_pk=pk,
        fields=fields,
    )


def row_for_gap(return_name: str, gap: Gap) -> Row:
    code = gap.item[:60]
    return Row(
        key=finding_key(return_name, f"gap:{code}", None, "", None, ()),
        return_name=return_name,
        rule_code=code,
        message=gap.explanation,
        severity="gap",
        person_id=None,
        source_model="",
        source_pk=None,
        fields=(),
    )


@dataclass(frozen=True)
class SyncCounts:
    added: int
    still: int
    resolved: int
    reopened: int

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "still": self.still,
            "resolved": self.resolved,
            "reopened": self.reopened,
        }


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def sync(
    return_name: str,
    findings: Iterable[Finding],
    gaps: Iterable[Gap],
    *,
    now: datetime,
    person_ids: Sequence[int] | None = None,
    rules: Collection[str] | None = None,
) -> SyncCounts:
    """Make the stored findings of `return_name` (for `person_ids`, or all; of `rules`, or
    every rule) match these. Call inside the service's transaction."""
    wanted: dict[str, Row] = {}
    for finding in findings:
        row = row_for_finding(return_name, finding)
        if person_ids is not None and row.person_id not in person_ids:
            continue  # a child's re-validation speaks only for that child
        wanted.setdefault(row.key, row)
    if person_ids is None:
        for gap in gaps:
            row = row_for_gap(return_name, gap)
            wanted.setdefault(row.key, row)

    stored = ValidationFinding.objects.filter(return_name=return_name)
    if person_ids is not None:
        stored = stored.filter(person_id__in=list(person_ids))
    if rules is not None:
        stored = stored.filter(rule_code__in=list(rules))
        wanted = {key: row for key, row in wanted.items() if row.rule_code in rules}
    existing = {key: (pk, resolved) for key, pk, resolved in stored.values_list("key", "id", "resolved_at")}

    still = [existing[k][0] for k in wanted if k in existing and existing[k][1] is None]
    reopened = [existing[k][0] for k in wanted if k in existing and existing[k][1] is not None]
    gone = [pk for k, (pk, resolved) in existing.items() if k not in wanted and resolved is None]
    new = [row for k, row in wanted.items() if k not in existing]

    for chunk in _chunks(still):
        ValidationFinding.objects.filter(id__in=chunk).update(last_seen=now)
    for chunk in _chunks(reopened):
        ValidationFinding.objects.filter(id__in=chunk).update(first_seen=now, last_seen=now, resolved_at=None)
    for chunk in _chunks(gone):
        ValidationFinding.objects.filter(id__in=chunk).update(resolved_at=now)
    ValidationFinding.objects.bulk_create(
        [
            ValidationFinding(
                key=row.key,
                return_name=row.return_name,
                rule_code=row.rule_code,
                message=row.message,
                severity=row.severity,
                person_id=row.person_id,
                source_model=row.source_model,
                source_pk=row.source_pk,
                fields=list(row.fields),
                first_seen=now,
                last_seen=now,
            )
            for row in new
        ],
        batch_size=BATCH,
    )
    return SyncCounts(added=len(new), still=len(still), resolved=len(gone), reopened=len(reopened))
