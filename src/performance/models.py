"""What the authority records for its performance figures: the child population each year
(for rates per 10,000) and local targets with their tolerance bands (kept as history: the
latest target of an indicator is the one in force)."""

from django.conf import settings
from django.db import models


class ChildPopulation(models.Model):
    year = models.PositiveSmallIntegerField(
        unique=True, help_text="The collection year ending 31 March of this year."
    )
    population = models.PositiveIntegerField(help_text="Children aged 0–17 in the authority.")
    source = models.CharField(max_length=200, help_text="e.g. ONS mid-year population estimates, mid-2024.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.population} children"


class PopulationGroup(models.Model):
    """How many of a year's children (`ChildPopulation`) are in a group of a characteristic:
    a sex, an age band or an ethnic group, in the groups the equality breakdowns use
    (`performance.equality`). Recorded with the year's population, whose `recorded_by` and
    `recorded_at` say who last changed either."""

    population = models.ForeignKey(ChildPopulation, on_delete=models.CASCADE, related_name="groups")
    characteristic = models.CharField(max_length=20)  # "Sex", "Age", "Ethnic group"
    group = models.CharField(max_length=60)
    children = models.PositiveIntegerField()

    class Meta:
        ordering = ["population", "characteristic", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["population", "characteristic", "group"], name="population_group_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.characteristic} {self.group}: {self.children}"


class Target(models.Model):
    indicator_id = models.CharField(max_length=60)
    target = models.DecimalField(max_digits=9, decimal_places=1)
    tolerance = models.DecimalField(
        max_digits=9, decimal_places=1, help_text="How far short of the target is amber, not red."
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator_id", "-set_at", "-id"]
        constraints = [
            models.CheckConstraint(name="target_tolerance_not_negative", condition=models.Q(tolerance__gte=0))
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target} ± {self.tolerance}"


class ComparatorKind(models.TextChoices):
    ENGLAND = "ENGLAND", "England"
    REGION = "REGION", "Region"
    NEIGHBOURS = "NEIGHBOURS", "Statistical neighbours"


class LoadedComparator(models.Model):
    """A comparator the authority loaded from a CSV file the DfE publishes: England's figure,
    its region's, or the average of its statistical neighbours'. The latest loaded of a kind
    for an indicator is the one shown (an England figure takes the place of the one shipped
    with Harbour)."""

    indicator_id = models.CharField(max_length=60)
    kind = models.CharField(max_length=12, choices=ComparatorKind.choices, default=ComparatorKind.ENGLAND)
    area = models.CharField(
        max_length=500,
        blank=True,
        help_text="The region, or the statistical neighbours' names, as in the file.",
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    year = models.CharField(max_length=20, help_text="The DfE's time period, e.g. 2025 or 202425.")
    source = models.CharField(max_length=300)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator_id", "-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.indicator_id} ({self.get_kind_display()}): {self.value} ({self.year})"
