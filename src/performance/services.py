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
from .comparators import UnreadableFile, england_figure
from .models import ChildPopulation, LoadedComparator, Target


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
    *, actor: User, indicator_id: str, content: bytes, filename: str, column: str
) -> LoadedComparator:
    """Load the England figure for an indicator from a CSV file the DfE publishes."""
    require(actor, Permission.MANAGE_PERFORMANCE)
    if indicator_id not in CATALOGUE.indicators:
        raise ValueError(f"No indicator {indicator_id}")
    try:
        found = england_figure(content, column.strip())
    except UnreadableFile as exc:
        raise ValidationError({"file": str(exc)}) from exc
    with transaction.atomic():
        row = LoadedComparator.objects.create(
            indicator_id=indicator_id,
            value=found.value,
            year=found.time_period,
            source=f"DfE open data: {filename}, column {column.strip()}"[:300],
            loaded_by=actor,
            loaded_at=timezone.now(),
        )
        auditor.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            summary=f"England figure for {indicator_id}: {found.value} ({found.time_period})",
        )
    return row
