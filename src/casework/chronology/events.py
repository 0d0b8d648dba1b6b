"""A chronology event: what it says, when it happened, where it is recorded, and the fixed
list of kinds an event can be."""

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone


class Kind:
    """The fixed list of chronology categories (every event is of one of these)."""

    CONTACT = "contact"
    REFERRAL = "referral"
    DECISION = "decision"
    ASSESSMENT = "assessment"
    STRATEGY = "strategy"
    S47 = "s47"
    CONFERENCE = "conference"
    PLAN = "plan"
    VISIT = "visit"
    PLACEMENT = "placement"
    REVIEW = "review"
    HEALTH = "health"
    EDUCATION = "education"
    MISSING = "missing"
    COURT = "court"
    ALLOCATION = "allocation"
    IDENTITY = "identity"
    FAMILY = "family"
    ALERT = "alert"
    NOTE = "note"
    VOICE = "voice"
    DOCUMENT = "document"
    SUPERVISION = "supervision"
    AUDIT = "audit"
    PARTNER_EVENT = "partner_event"


KIND_LABELS: dict[str, str] = {
    Kind.CONTACT: "Contact",
    Kind.REFERRAL: "Referral",
    Kind.DECISION: "Decision",
    Kind.ASSESSMENT: "Assessment",
    Kind.STRATEGY: "Strategy discussion",
    Kind.S47: "Section 47 enquiry",
    Kind.CONFERENCE: "Conference",
    Kind.PLAN: "Plan",
    Kind.VISIT: "Visit",
    Kind.PLACEMENT: "Placement or move",
    Kind.REVIEW: "Review",
    Kind.HEALTH: "Health",
    Kind.EDUCATION: "Education",
    Kind.MISSING: "Missing episode",
    Kind.COURT: "Court",
    Kind.ALLOCATION: "Worker allocation",
    Kind.IDENTITY: "Identity and address",
    Kind.FAMILY: "Family and network",
    Kind.ALERT: "Alert",
    Kind.NOTE: "Case note",
    Kind.VOICE: "Child's wishes and feelings",
    Kind.DOCUMENT: "Document",
    Kind.SUPERVISION: "Supervision and management direction",
    Kind.AUDIT: "Case audit",
    Kind.PARTNER_EVENT: "Reported by a partner agency",
}

KINDS = frozenset(KIND_LABELS)


@dataclass(frozen=True)
class ChronologyEvent:
    """One event in a person's chronology, as a source builds it."""

    person_id: int
    occurred_on: date | datetime
    kind: str
    title: str
    summary: str
    source: str  # "app_label.Model"
    source_key: str  # "app_label.Model:pk[:suffix]" - stable; curation attaches to it
    link: str = ""
    restricted: bool = False
    author_id: int | None = None  # who recorded it: may see it even when restricted
    readers: frozenset[int] = frozenset()  # users named on it: may see it even when restricted
    # The workers' curation: from the latest `ChronologyAnnotation` of the event's key when the
    # chronology is read, or, for an event added by hand, from its `ChronologyEntry`:
    curated: bool = False  # a manual entry (ChronologyEntry) rather than automatic
    significant: bool = False
    impact: str = ""
    analysis: str = ""
    agency: str = ""
    annotated_by: str = ""
    annotated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chronology kind {self.kind!r}")

    @property
    def day(self) -> date:
        when = self.occurred_on
        if isinstance(when, datetime):
            return timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
        return when

    @property
    def sort_key(self) -> tuple[date, int, str, str]:
        """Date order; a birth comes first on its day; then time of day where known."""
        when = self.occurred_on
        clock = (
            timezone.localtime(when).strftime("%H%M%S")
            if isinstance(when, datetime) and timezone.is_aware(when)
            else ""
        )
        return (self.day, 0 if self.source_key.endswith(":born") else 1, clock, self.source_key)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def source_label(self) -> str:
        """Where it is recorded, in words ("Person record", "Visit", "Referral")."""
        return source_label(self.source)


def source_label(source: str) -> str:
    try:
        model = apps.get_model(source)
    except (LookupError, ValueError):
        return source
    name = str(model._meta.verbose_name)
    return "Person record" if source == "people.Person" else name[:1].upper() + name[1:]
