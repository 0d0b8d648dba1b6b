"""The changes performance staff make: the child population of a year and local targets.
Each is audited; neither changes a child's record."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction

from .catalogue import CATALOGUE
from .comparators import UnreadableFile, published_figure
from .equality import POPULATION_GROUPS
from .models import ChildPopulation, ComparatorKind, LoadedComparator, PopulationGroup, Target


def set_population(*, actor: User, year: int, population: int, source: str) -> ChildPopulation:
    """Record (or correct) the child population for the collection year ending 31 March `year`."""
    require(actor, Permission.MANAGE_PERFORMANCE)
    if population <= 0:
        raise ValueError("The population must be a positive number of children")
    with transaction.atomic():
        row, created = ChildPopulation.objects.update_or_create(
            year=year, defaults={"population": population, "source": source.strip(), "recorded_by": actor}
        )
        auditor.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=row,
            summary=f"Child population {year}: {population}",
            changes={"population": population, "source": row.source},
        )
    return row


def set_population_groups(*, actor: User, year: int, groups: dict[str, dict[str, int]]) -> ChildPopulation:
    """Record (or correct) the year's child population by sex, age band and ethnic group:
    `groups` holds, for each characteristic recorded, every one of its groups
    (`equality.POPULATION_GROUPS`), adding up to the year's population. A characteristic
    not given keeps what it had."""
    require(actor, Permission.MANAGE_PERFORMANCE)
    row = ChildPopulation.objects.filter(year=year).first()
    if row is None:
        raise ValidationError({"year": f"Record the population for {year} before its groups"})
    for characteristic, counts in groups.items():
        expected = POPULATION_GROUPS.get(characteristic)
        if expected is None or set(counts) != set(expected):
            raise ValueError(f"{characteristic} needs exactly the groups {', '.join(expected or [])}")
        if any(n < 0 for n in counts.values()):
            raise ValidationError("The number of children in a group cannot be negative")
        if sum(counts.values()) != row.population:
            raise ValidationError(
                f"The {characteristic.lower()} groups add up to {sum(counts.values()):,} children, but the "
                f"population for {year} is {row.population:,}: correct the groups or the year's population"
            )
    with transaction.atomic():
        for characteristic, counts in groups.items():
            PopulationGroup.objects.filter(population=row, characteristic=characteristic).delete()
            PopulationGroup.objects.bulk_create(
                PopulationGroup(population=row, characteristic=characteristic, group=group, children=n)
                for group, n in counts.items()
            )
        row.recorded_by = actor
        row.save(update_fields=["recorded_by", "recorded_at"])
        auditor.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=row,
            summary=f"Child population {year} by {', '.join(c.lower() for c in groups)}"[:200],
            changes={c: dict(counts) for c, counts in groups.items()},
        )
    return row


def set_target(*, actor: User, indicator_id: str, target: Decimal, tolerance: Decimal) -> Target:
    """Set a local target for an indicator, with the tolerance band that is amber not red."""
    require(actor, Permission.MANAGE_PERFORMANCE)
    if indicator_id not in CATALOGUE.indicators:
        raise ValueError(f"No indicator {indicator_id}")
    if tolerance < 0:
        raise ValueError("The tolerance cannot be negative")
    with transaction.atomic():
        row = Target.objects.create(
            indicator_id=indicator_id, target=target, tolerance=tolerance, set_by=actor, set_at=timezone.now()
        )
        auditor.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            summary=f"Target for {indicator_id}: {target} (tolerance {tolerance})",
            changes={"target": str(target), "tolerance": str(tolerance)},
        )
    return row


def load_comparator(
    *,
    actor: User,
    indicator_id: str,
    content: bytes,
    filename: str,
    column: str,
    kind: str = ComparatorKind.ENGLAND,
    area: str = "",
) -> LoadedComparator:
    """Load a comparator for an indicator from a CSV file the DfE publishes: England's figure,
    a region's (`area` names it), or the mean of the statistical neighbours' (`area` names
    them, one a line or separated by commas)."""
    require(actor, Permission.MANAGE_PERFORMANCE)
    if indicator_id not in CATALOGUE.indicators:
        raise ValueError(f"No indicator {indicator_id}")
    if kind not in ComparatorKind.values:
        raise ValueError(f"No comparator kind {kind}")
    names = [n.strip() for n in area.replace("\n", ",").split(",") if n.strip()]
    if kind == ComparatorKind.REGION and len(names) != 1:
        raise ValidationError({"area": "Enter the name of one region, as the DfE's file spells it"})
    if kind == ComparatorKind.NEIGHBOURS and not names:
        raise ValidationError({"area": "Enter the statistical neighbours' names, separated by commas"})
    try:
        found = published_figure(content, column.strip(), kind, names)
    except UnreadableFile as exc:
        raise ValidationError({"file": str(exc)}) from exc
    label = ComparatorKind(kind).label
    of = f" ({found.areas} of {len(names)} neighbours)" if kind == ComparatorKind.NEIGHBOURS else ""
    with transaction.atomic():
        row = LoadedComparator.objects.create(
            indicator_id=indicator_id,
            kind=kind,
            area=", ".join(names)[:500],
            value=found.value,
            year=found.time_period,
            source=f"DfE open data: {filename}, column {column.strip()}{of}"[:300],
            loaded_by=actor,
            loaded_at=timezone.now(),
        )
        auditor.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            summary=f"{label} figure for {indicator_id}: {found.value} ({found.time_period})"[:200],
        )
    return row
