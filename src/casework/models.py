"""Casework shared by every stage: visits to the child (notes and the chronology follow)."""

from django.conf import settings
from django.db import models


class VisitKind(models.TextChoices):
    CIN = "CIN", "Child in need visit"
    CP = "CP", "Child protection visit"
    CLA = "CLA", "Looked-after child statutory visit"
    CARE_LEAVER = "CARE_LEAVER", "Personal adviser contact"
    PRIVATE_FOSTERING = "PRIVATE_FOSTERING", "Private fostering visit"
    ADOPTION = "ADOPTION", "Adoption placement visit"
    EARLY_HELP = "EARLY_HELP", "Early help visit"
    ASSESSMENT = "ASSESSMENT", "Assessment visit"
    OTHER = "OTHER", "Other visit"


class VisitQuerySet(models.QuerySet["Visit"]):
    def seen(self) -> "VisitQuerySet":
        return self.filter(child_seen=True)


class Visit(models.Model):
    """A visit to a child: one model for every kind (DATA_MODEL §2.14)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    visited_on = models.DateField()
    announced = models.BooleanField(default=True)
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    bedroom_seen = models.BooleanField(null=True, blank=True)
    location = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    child_said = models.TextField("What the child said", blank=True, help_text="In the child's own words.")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["person", "kind", "visited_on"])]
        constraints = [
            models.CheckConstraint(
                name="visit_seen_alone_needs_seen",
                condition=models.Q(seen_alone=False) | models.Q(child_seen=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.visited_on:%d/%m/%Y}"
