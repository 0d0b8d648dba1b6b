"""Children in care. A `PeriodOfCare` runs from the day a child starts to be looked after
(SSDA903 DECOM of the "S" episode) to the day they cease; the SSDA903 episodes, legal
statuses and placements within it are added by the children-in-care work."""

from django.conf import settings
from django.db import models

from codes import cin as cin_codes


class PeriodOfCare(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="periods_of_care")
    start_date = models.DateField(help_text="Date the child started to be looked after.")
    end_date = models.DateField(null=True, blank=True)
    category_of_need = models.CharField(
        max_length=2,
        choices=cin_codes.PRIMARY_NEED.all_choices(),
        help_text="Fixed at the start of the period of care (SSDA903 CIN).",
    )
    referral = models.ForeignKey(
        "frontdoor.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="periods_of_care",
        help_text="The CIN episode during which care began.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                name="period_of_care_end_after_start",
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
            )
        ]

    def __str__(self) -> str:
        return f"Period of care from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None
