"""A team's establishment for a month: posts, permanent and agency staff, starters and leavers."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction

from ..models import TeamEstablishment

FIGURES = ("posts", "permanent", "agency", "starters", "leavers")


@transaction.atomic
def record_establishment(
    *,
    actor: User,
    team: Team,
    month: date,
    posts: Decimal,
    permanent: Decimal,
    agency: Decimal,
    starters: int = 0,
    leavers: int = 0,
) -> TeamEstablishment:
    """Record a team's establishment for the month holding `month` (a month already recorded
    is corrected, the audit keeping what it said before)."""
    require(actor, Permission.RECORD_ESTABLISHMENT)
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise ValidationError({"month": "The month must be this month or earlier"})
    values: dict[str, Decimal | int] = {
        "posts": posts,
        "permanent": permanent,
        "agency": agency,
        "starters": starters,
        "leavers": leavers,
    }
    errors = {name: "Enter a number of 0 or more" for name, value in values.items() if value < 0}
    if not errors and posts == 0 and (permanent or agency):
        errors["posts"] = "Enter the team's posts: it has staff in post"
    if errors:
        raise ValidationError(errors)
    row = TeamEstablishment.objects.filter(team=team, month=month).first()
    before = {name: getattr(row, name) for name in FIGURES} if row else None
    if row is None:
        row = TeamEstablishment(team=team, month=month, recorded_by=actor)
    for name, value in values.items():
        setattr(row, name, value)
    row.recorded_by = actor
    row.save()
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        obj=row,
        summary=f"Recorded the establishment of {team.name} for {month:%B %Y}",
        changes={name: [before[name], value] for name, value in values.items()} if before else values,
    )
    return row
