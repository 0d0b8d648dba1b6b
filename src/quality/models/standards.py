from decimal import Decimal

from django.db import models


class Standard(models.Model):
    """The authority's standards for supervision, management oversight and caseloads, as data.
    The one in force on a day is the latest whose `in_force_from` is on or before it."""

    in_force_from = models.DateField(unique=True)
    supervision_days = models.PositiveSmallIntegerField(
        default=28, help_text="Most days between a worker's supervision sessions."
    )
    newly_qualified_supervision_days = models.PositiveSmallIntegerField(
        default=14, help_text="Most days between sessions for a newly qualified worker early in post."
    )
    newly_qualified_months = models.PositiveSmallIntegerField(
        default=6, help_text="How many months in post the newly qualified interval applies."
    )
    oversight_months = models.PositiveSmallIntegerField(
        default=3, help_text="Most months without recorded management oversight of a child."
    )
    cp_oversight_months = models.PositiveSmallIntegerField(
        default=1, help_text="The same, for a child on a child protection plan."
    )
    direction_drift_carries = models.PositiveSmallIntegerField(
        default=2, help_text="How many times a case direction is carried over before it shows as drift."
    )
    weight_cin = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    weight_cp = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.50"))
    weight_child_in_care = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.25"))
    weight_court = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("2.00"))
    weight_care_leaver = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.75"))
    caseload_amber = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("18"),
        help_text="Weighted caseload from which it is amber.",
    )
    caseload_red = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("22"),
        help_text="Weighted caseload from which it is red.",
    )
    newly_qualified_caseload_amber = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("12"), help_text="The protected caseload's amber."
    )
    newly_qualified_caseload_red = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("15"), help_text="The protected caseload's red."
    )

    class Meta:
        ordering = ["-in_force_from"]

    def __str__(self) -> str:
        return f"Standards in force from {self.in_force_from:%d/%m/%Y}"
