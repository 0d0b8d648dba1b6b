"""Casework shared by every stage: visits to the child, and the child's story (the chronology's
curation, case notes, the child's voice, documents and subject access requests)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.records import Created, Recorded, person_key, staff
from core.workflow import StatusChangeBase, history_of

from .clocks import SubjectAccessClock, subject_access_clock


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


class Visit(Recorded):
    """A visit to a child: one model for every kind (DATA_MODEL §2.14)."""

    person = person_key("visits")
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    visited_on = models.DateField()
    announced = models.BooleanField(default=True)
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    bedroom_seen = models.BooleanField(null=True, blank=True)
    location = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    child_said = models.TextField("What the child said", blank=True, help_text="In the child's own words.")
    worker = staff()
    # The case note this visit was recorded as (a visit note with the child seen): one record.
    case_note = models.OneToOneField(
        "casework.CaseNote", null=True, blank=True, on_delete=models.PROTECT, related_name="visit"
    )

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


# --- The child's story: chronology curation, case notes, the child's voice, documents ---


class ChronologyEntry(Recorded):
    """A chronology entry a worker adds by hand: usually an event a partner agency reported."""

    person = person_key("chronology_entries")
    occurred_on = models.DateField()
    agency = models.CharField(max_length=120, help_text="Who was involved, e.g. school, police, GP.")
    what_happened = models.TextField()
    source_of_information = models.CharField(max_length=200)
    impact = models.TextField("Impact on the child", blank=True)
    significant = models.BooleanField(default=False)
    restricted = models.BooleanField(default=False)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["person", "occurred_on"])]

    def __str__(self) -> str:
        return f"Chronology entry {self.pk}"


class ChronologyAnnotation(Recorded):
    """A worker's curation of one chronology event (keyed by its source_key).

    Append-only: each change is a new row; the latest row for a key is the current one,
    earlier rows are its history."""

    person = person_key()
    source_key = models.CharField(max_length=120)
    significant = models.BooleanField(default=False)
    impact = models.TextField("Impact on the child", blank=True)
    analysis = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "source_key"])]

    def __str__(self) -> str:
        return f"Annotation of {self.source_key}"


class CaseNoteKind(models.TextChoices):
    VISIT = "VISIT", "Visit"
    DIRECT_WORK = "DIRECT_WORK", "Direct work with the child"
    PHONE_CALL = "PHONE_CALL", "Phone call"
    MEETING = "MEETING", "Meeting"
    MANAGEMENT_OVERSIGHT = "MANAGEMENT_OVERSIGHT", "Management oversight"
    OTHER = "OTHER", "Other"


class CaseNoteStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    FINAL = "FINAL", "Final"


class CaseNote(models.Model):
    """A case note. Drafts save as the worker types; `version` catches two people editing."""

    person = person_key("case_notes")
    kind = models.CharField(max_length=24, choices=CaseNoteKind.choices)
    occurred_on = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    child_seen = models.BooleanField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    visit_kind = models.CharField(
        max_length=20,
        choices=VisitKind.choices,
        blank=True,
        help_text="For a visit note with the child seen: the statutory visit it records when final.",
    )
    written_to_child = models.BooleanField(
        default=False, help_text="Written to the child, in plain words they can read later."
    )
    restricted = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=CaseNoteStatus.choices, default=CaseNoteStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    last_client_id = models.CharField(
        max_length=40, blank=True, help_text="The editing tab that saved last (its own saves never conflict)."
    )
    author = staff()
    updated_by = staff()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["person", "status", "occurred_on"])]
        verbose_name = "case note"

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} on {self.occurred_on:%d/%m/%Y}"


class DraftHandover(models.Model):
    """A draft case note handed from a worker who has left to another (append-only): only a
    draft's author may change or finalise it, so a leaver's drafts would otherwise be stuck."""

    case_note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="handovers")
    from_worker = staff()
    to_worker = staff()
    handed_by = staff()
    handed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()

    class Meta:
        ordering = ["handed_at", "id"]

    def __str__(self) -> str:
        return f"Draft {self.case_note_id} handed over on {self.handed_at:%d/%m/%Y}"


class CaseNoteStatusChange(StatusChangeBase):
    case_note = history_of(CaseNote)
    EVENT_LABELS = {
        "finalise": "Case note finalised",
    }


class ChildView(Recorded):
    """The child's wishes and feelings, in their own words, a drawing or a recording."""

    person = person_key("child_views")
    recorded_on = models.DateField()
    method = models.CharField(max_length=120, blank=True, help_text="e.g. in conversation, drawing, app.")
    words = models.TextField("In the child's own words", blank=True)
    attachment = models.FileField(upload_to="child-views/%Y/%m/", blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    informed_kind = models.CharField(max_length=60, blank=True)
    informed_on = models.DateField(null=True, blank=True)
    informed_text = models.CharField(max_length=200, blank=True)
    informed_source_key = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"Child's view {self.pk}"


class DocumentType(models.TextChoices):
    LETTER = "LETTER", "Letter"
    REPORT = "REPORT", "Report"
    ASSESSMENT = "ASSESSMENT", "Assessment"
    PLAN = "PLAN", "Plan"
    MINUTES = "MINUTES", "Meeting record or minutes"
    COURT = "COURT", "Court document"
    HEALTH = "HEALTH", "Health"
    EDUCATION = "EDUCATION", "Education"
    CONSENT = "CONSENT", "Consent or agreement"
    CHILD = "CHILD", "Written for the child"
    OTHER = "OTHER", "Other"


class Document(models.Model):
    """A file on the child's record: uploaded, or generated from recorded data."""

    person = person_key("documents")
    title = models.CharField(max_length=200)
    doc_type = models.CharField("Type", max_length=12, choices=DocumentType.choices)
    document_date = models.DateField()
    file = models.FileField(upload_to="documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    restricted = models.BooleanField(default=False)
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    generator = models.CharField(max_length=80, blank=True, help_text="Key of the generator, if generated.")
    source_key = models.CharField(max_length=120, blank=True)
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="Of a generated document's content: the same content is filed once.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = staff()

    # Set by `generate_document` when the content had not changed and the copy filed before is given.
    reused = False

    class Meta:
        ordering = ["-document_date", "-id"]
        indexes = [
            models.Index(fields=["person", "source_key", "content_hash"], name="document_same_content")
        ]

    def __str__(self) -> str:
        return self.title


class SARStatus(models.TextChoices):
    REQUESTED = "REQUESTED", "Requested"
    IN_REVIEW = "IN_REVIEW", "In review"
    APPROVED = "APPROVED", "Approved"
    RELEASED = "RELEASED", "Released"


class SubjectAccessRequest(Created):
    """A request for a copy of a child's record (UK GDPR Article 15), reviewed before release."""

    person = person_key()
    requested_by_name = models.CharField("Who asked", max_length=200)
    received_on = models.DateField()
    status = models.CharField(max_length=10, choices=SARStatus.choices, default=SARStatus.REQUESTED)
    reviewed_by = staff(optional=True)
    approved_by = staff(optional=True)
    released_at = models.DateTimeField(null=True, blank=True)
    # An extension of the one-month clock (UK GDPR Art 12(3)), see casework.clocks.
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_told_on = models.DateField(
        "Date the requester was told of the extension", null=True, blank=True
    )
    extended_by = staff(optional=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "subject access request"

    def __str__(self) -> str:
        return f"Subject access request {self.pk}"

    def clock(self, today: date) -> SubjectAccessClock:
        """Where the request stands against its statutory clock (casework.clocks)."""
        answered = timezone.localdate(self.released_at) if self.released_at else None
        return subject_access_clock(
            self.received_on, today, extension_months=self.extension_months, answered_on=answered
        )


class SubjectAccessRequestStatusChange(StatusChangeBase):
    request = history_of(SubjectAccessRequest)
    EVENT_LABELS = {
        "start_review": "Review of the records started",
        "approve": "Release approved",
        "return_to_review": "Returned for more review",
        "release": "Records released",
    }


class SubjectAccessItem(models.Model):
    """One item of the record as it will be released, with the reviewer's redaction decision."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    section = models.CharField(max_length=60)
    text = models.TextField()
    third_party = models.BooleanField(default=False)
    redact = models.BooleanField(default=False)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.section} {self.position}"
