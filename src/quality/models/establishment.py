from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from core.records import Recorded


def _fte(label: str, help_text: str) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        label, max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal(0))], help_text=help_text
    )


class TeamEstablishment(Recorded):
    """A team's establishment for a month, as the authority counts it at the month's end: the
    social work posts funded, the posts filled by permanent staff and by agency workers (full
    time equivalents), and the starters and leavers in the month. A later record for the same
    month corrects it (the audit keeps what it said before)."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="establishment")
    month = models.DateField(help_text="The first day of the month.")
    posts = _fte("Posts (FTE)", "Social work posts funded.")
    permanent = _fte("Permanent staff in post (FTE)", "Posts filled by the authority's own staff.")
    agency = _fte("Agency workers (FTE)", "Agency workers covering posts.")
    starters = models.PositiveSmallIntegerField(default=0)
    leavers = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-month", "team__name"]
        constraints = [models.UniqueConstraint(fields=["team", "month"], name="quality_establishment_month")]

    def __str__(self) -> str:
        return f"Establishment {self.month:%B %Y}"
