"""The front door: contacts about children, their screening and decision, and referrals,
each opening a child-in-need (CIN) episode; feedback to referrers and partners' disagreements.

A `Referral` is the CIN census unit (CINdetails): one episode from the referral date to
closure. Assessments, plans, s47 enquiries and CP plans of later stages hang off it.
"""

from django.db import models

from codes import cin as cin_codes
from core.records import Created, RecordedBy, calendar_stamp, ends_after_start, person_key, staff
from core.workflow import StatusChangeBase, history_of


class ReferralStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"


class Referral(Created):
    person = person_key("referrals")
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
    # The contact whose decision opened this episode.
    contact = models.ForeignKey(
        "frontdoor.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )

    class Meta:
        ordering = ["-referral_date", "-id"]
        indexes = [models.Index(fields=["person", "referral_date"])]
        constraints = [ends_after_start("referral_closed_after_opened", "referral_date", "closure_date")]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.referral_date:%d/%m/%Y})"


class ReferralStatusChange(StatusChangeBase):
    referral = history_of(Referral)
    EVENT_LABELS = {
        "open": "Referral received",
        "close": "Child in need episode closed",
    }


# --- Contacts and screening ------------------------------------------------------------------


class Channel(models.TextChoices):
    PHONE = "PHONE", "Phone"
    EMAIL = "EMAIL", "Email"
    PORTAL = "PORTAL", "Online portal"
    LETTER = "LETTER", "Letter or fax"
    IN_PERSON = "IN_PERSON", "In person"


class Consent(models.TextChoices):
    GIVEN = "GIVEN", "Consent given"
    NOT_GIVEN = "NOT_GIVEN", "Consent not given"
    NOT_SOUGHT = "NOT_SOUGHT", "Not sought: seeking consent would place the child at risk"


class ContactStatus(models.TextChoices):
    RECEIVED = "RECEIVED", "Awaiting screening"
    SCREENED = "SCREENED", "Awaiting manager decision"
    DECIDED = "DECIDED", "Decided"


class Decision(models.TextChoices):
    NFA = "NFA", "No further action"
    ADVICE = "ADVICE", "Advice and information"
    EARLY_HELP = "EARLY_HELP", "Step to early help"
    ASSESSMENT = "ASSESSMENT", "Referral for a children's social care assessment"
    STRATEGY = "STRATEGY", "Strategy discussion for immediate protection"


REFERRAL_DECISIONS = frozenset({Decision.ASSESSMENT, Decision.STRATEGY})


class Contact(Created):
    """Information about one or more children of a family received by the front door."""

    received_at = models.DateTimeField()
    out_of_hours = models.BooleanField(default=False)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    source = models.CharField(max_length=3, choices=cin_codes.REFERRAL_SOURCE.all_choices())
    referrer_name = models.CharField(max_length=120, blank=True)
    referrer_agency = models.CharField(max_length=120, blank=True)
    referrer_contact_details = models.CharField(max_length=200, blank=True)
    concern = models.TextField()
    consent = models.CharField(max_length=12, choices=Consent.choices)
    consent_notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ContactStatus.choices, default=ContactStatus.RECEIVED)
    decision_due = models.DateField()
    calendar_version = calendar_stamp()
    threshold_level = models.CharField(max_length=10, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    primary_need = models.CharField(max_length=2, choices=cin_codes.PRIMARY_NEED.all_choices(), blank=True)
    screening_summary = models.TextField(blank=True)
    threshold_reason = models.TextField(
        "Why the decision differs from the threshold level",
        blank=True,
        help_text="Required when the decision does not fit the threshold level (frontdoor.rules).",
    )
    screened_by = staff(optional=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    manager_rationale = models.TextField(blank=True)
    decided_by = staff(optional=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "decision_due"]), models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"Contact {self.pk}"


class ContactChild(models.Model):
    """A child a contact is about; linked to the referral the decision opened, if any."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="child_links")
    person = person_key("front_door_contacts")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="contact_links"
    )
    frequent_contacts = models.BooleanField(
        default=False, help_text="The child had three or more contacts in 30 days when this one arrived."
    )

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["contact", "person"], name="one_link_per_child")]

    def __str__(self) -> str:
        return f"Contact {self.contact_id} – person {self.person_id}"


class ContactStatusChange(StatusChangeBase):
    contact = history_of(Contact)
    EVENT_LABELS = {
        "receive": "Contact received",
        "screen": "Contact screened",
        "confirm": "Decision confirmed by a manager",
        "return_for_work": "Returned for more screening",
    }


class ReferrerFeedback(RecordedBy):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="feedback")
    given_on = models.DateField()
    method = models.CharField(max_length=10, choices=Channel.choices)
    summary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"Feedback on contact {self.contact_id}"


class DisagreementStatus(models.TextChoices):
    RAISED = "RAISED", "Raised"
    ESCALATED = "ESCALATED", "Escalated"
    RESOLVED = "RESOLVED", "Resolved"


class DisagreementOutcome(models.TextChoices):
    UPHELD = "UPHELD", "Decision upheld"
    CHANGED = "CHANGED", "Decision changed"
    WITHDRAWN = "WITHDRAWN", "Disagreement withdrawn"


ESCALATION_STAGES = {
    1: "Stage 1: front door team manager",
    2: "Stage 2: service manager",
    3: "Stage 3: head of service and safeguarding partnership",
}


class Disagreement(Created):
    """A partner agency's disagreement with a threshold decision, escalated in stages."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="disagreements")
    raised_on = models.DateField()
    raised_by_name = models.CharField(max_length=120)
    agency = models.CharField(max_length=120)
    grounds = models.TextField()
    stage = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=DisagreementStatus.choices, default=DisagreementStatus.RAISED
    )
    outcome = models.CharField(max_length=10, choices=DisagreementOutcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"Disagreement {self.pk}"

    @property
    def stage_label(self) -> str:
        return ESCALATION_STAGES.get(self.stage, f"Stage {self.stage}")

    @property
    def child_links(self) -> "models.QuerySet[ContactChild]":
        """The children the disagreement concerns: those of its contact."""
        return self.contact.child_links.all()


class DisagreementStatusChange(StatusChangeBase):
    disagreement = history_of(Disagreement)
    EVENT_LABELS = {
        "raise": "Disagreement raised",
        "escalate": "Escalated to the next stage",
        "resolve": "Disagreement resolved",
    }
