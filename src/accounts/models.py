"""Users (practitioners and other staff) and the teams they work in."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from core.encryption import EncryptedTextField

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
    # Set when `disable_dormant_accounts` switches the account off (is_active=False).
    disabled_as_dormant_at = models.DateTimeField(null=True, blank=True)
    # Set when an administrator resets the user's two-factor sign-in (lost phone): the next
    # sign-in asks them to set up an authenticator again, whatever their role.
    must_enrol_two_factor = models.BooleanField(default=False)
    # The council identity provider's subject for this account (ADR 0011): "sub:<sub>" or
    # "oid:<tid>:<oid>", set at the first council sign-in. Once set it alone identifies the
    # account at sign-in; the provider's e-mail claim no longer does.
    identity_provider_subject = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["identity_provider_subject"],
                condition=~models.Q(identity_provider_subject=""),
                name="user_identity_provider_subject_unique",
            )
        ]

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


# --- Sign-in hardening: failed attempts and lock releases ----------------------------------


class SignInAttempt(models.Model):
    """One attempt at a step of sign-in: the password, or the second-factor code. Failures
    drive lockout (`accounts.lockout`).

    The username is the one typed (lower-cased, cut to 150 characters): it identifies a
    member of staff, not a child. Kept for the lockout window and for investigation. An
    attempt refused because sign-in was already locked is kept too, marked `while_locked`.
    """

    class Factor(models.TextChoices):
        PASSWORD = "PASSWORD", "Password"
        CODE = "CODE", "Second-factor code"

    attempted_at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)
    factor = models.CharField(max_length=8, choices=Factor.choices, default=Factor.PASSWORD)
    while_locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-attempted_at"]

    def __str__(self) -> str:
        return f"{self.attempted_at:%Y-%m-%d %H:%M} {self.username} {'ok' if self.succeeded else 'failed'}"


class LockoutRelease(models.Model):
    """An administrator unlocked a username's password sign-in (`accounts.services.unlock_sign_in`).

    Failures before the release no longer count towards the username's lockout
    (`accounts.lockout.state`); the attempts themselves are kept.
    """

    username = models.CharField(max_length=150, db_index=True)
    released_at = models.DateTimeField()
    released_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return f"{self.released_at:%Y-%m-%d %H:%M} {self.username} unlocked"


class TotpDevice(models.Model):
    """A time-based one-time password (RFC 6238) authenticator registered by a user."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = EncryptedTextField(help_text="Encrypted at rest (core.encryption).")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(
        default=0, help_text="Replay protection: last accepted time step."
    )

    def __str__(self) -> str:
        return f"Authenticator for user {self.user_id}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator (stored hashed)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Recovery code {self.pk} for user {self.user_id}"
