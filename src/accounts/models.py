"""Users (practitioners and other staff) and the teams they work in."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from .permissions import Role


class TeamKind(models.TextChoices):
    FRONT_DOOR = "FRONT_DOOR", "Front door (MASH / contact and referral)"
    ASSESSMENT = "ASSESSMENT", "Assessment"
    SAFEGUARDING = "SAFEGUARDING", "Safeguarding and family support"
    CHILDREN_IN_CARE = "CHILDREN_IN_CARE", "Children in care"
    CARE_LEAVERS = "CARE_LEAVERS", "Care leavers"
    DISABLED_CHILDREN = "DISABLED_CHILDREN", "Disabled children"
    EARLY_HELP = "EARLY_HELP", "Early help"
    SAFEGUARDING_UNIT = "SAFEGUARDING_UNIT", "IRO and safeguarding unit"
    OUT_OF_HOURS = "OUT_OF_HOURS", "Out of hours (emergency duty)"
    PERFORMANCE = "PERFORMANCE", "Performance and business intelligence"
    PARTNER = "PARTNER", "Partner agency"


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=TeamKind.choices)
    manager = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_teams",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff (or a partner agency user) who signs in to Harbour."""

    role = models.CharField(max_length=30, choices=[(r.value, r.label) for r in Role])
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    job_title = models.CharField(max_length=120, blank=True)
    registered_social_worker = models.BooleanField(default=False)
    swe_registration_number = models.CharField(
        "Social Work England registration number", max_length=12, blank=True
    )
    newly_qualified = models.BooleanField(
        default=False, help_text="In the Assessed and Supported Year in Employment (ASYE)."
    )
    agency_worker = models.BooleanField(default=False)
    organisation = models.CharField(
        max_length=120, blank=True, help_text="For partner agency users: their agency."
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_enum(self) -> Role | None:
        try:
            return Role(self.role)
        except ValueError:
            return None

    @property
    def role_label(self) -> str:
        role = self.role_enum
        return role.label if role else "No role"
