"""The front door: referrals, each opening a child-in-need (CIN) episode.

A `Referral` is the CIN census unit (CINdetails): one episode from the referral date to
closure. Assessments, plans, s47 enquiries and CP plans of later stages hang off it.
Contacts and screening decisions are added to this app by the front-door work.
"""

from django.conf import settings
from django.db import models

from codes import cin as cin_codes
from core.workflow import StatusChangeBase


class ReferralStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"


class Referral(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField(help_text="The date the referral was received (CINreferralDate).")
    received_at = models.DateTimeField()
    source = models.CharField(max_length=3, choices=cin_codes.REFERRAL_SOURCE.all_choices())
    primary_need = models.CharField(max_length=2, choices=cin_codes.PRIMARY_NEED.all_choices(), default="N0")
    referral_nfa = models.BooleanField(
        default=False, help_text="Closed with no further action, without an assessment."
    )
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=3, choices=cin_codes.CLOSURE_REASON.all_choices(), blank=True
    )
    status = models.CharField(max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-referral_date", "-id"]
        indexes = [models.Index(fields=["person", "referral_date"])]
        constraints = [
            models.CheckConstraint(
                name="referral_closed_after_opened",
                condition=models.Q(closure_date__isnull=True)
                | models.Q(closure_date__gte=models.F("referral_date")),
            )
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.referral_date:%d/%m/%Y})"


class ReferralStatusChange(StatusChangeBase):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_history")
