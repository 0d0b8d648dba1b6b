"""The chronology: every significant event in a child's life that Harbour holds, in order.

Extension point: any installed app may provide `<app>/chronology.py` with

    def events(person_ids: Collection[int]) -> Iterable[ChronologyEvent]

returning the events its models hold for those people (a few set-based queries, never one
per child). `collect()` merges every provider's events, drops duplicates by `source_key`
(the first provider wins, so an app that later ships its own provider for a model the
built-in providers cover does not double-report), applies the workers' curation
(`ChronologyAnnotation`) and sorts by date. See docs/workflows/chronology.md.
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone


class Kind:
    """The fixed list of chronology categories (a provider uses one of these)."""

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
    """One event in a person's chronology, as a provider reports it."""

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
    # Filled in by collect(), not by providers:
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
    from django.apps import apps

    try:
        model = apps.get_model(source)
    except (LookupError, ValueError):
        return source
    name = str(model._meta.verbose_name)
    return "Person record" if source == "people.Person" else name[:1].upper() + name[1:]


Provider = Callable[[Collection[int]], Iterable[ChronologyEvent]]


def providers() -> list[Provider]:
    """Every chronology provider: installed apps' `chronology.events`, then the built-in
    providers for the foundation apps (people, workforce) and the front door referral."""
    from core.extensions import app_modules

    from .providers import BUILT_IN

    return [module.events for module in app_modules("chronology")] + list(BUILT_IN)


@dataclass
class Filters:
    """What the reader asked to see (all optional)."""

    date_from: date | None = None
    date_to: date | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
    significant_only: bool = False

    def keep(self, event: ChronologyEvent) -> bool:
        if self.date_from and event.day < self.date_from:
            return False
        if self.date_to and event.day > self.date_to:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        return not (self.significant_only and not event.significant)


def may_see(user: Any, event: ChronologyEvent) -> bool:
    """Restricted events: seen by whoever recorded them, the users named on them and users
    allowed restricted casework (the rule of `casework.access.may_see_restricted`)."""
    from .access import may_see_restricted

    if not event.restricted:
        return True
    return may_see_restricted(user, author_id=event.author_id, named_ids=event.readers)


def _raw(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for provider in providers():
        yield from provider(person_ids)


def collect(
    person_ids: Collection[int], *, user: Any = None, filters: Filters | None = None
) -> list[ChronologyEvent]:
    """The merged, de-duplicated, curated chronology of these people, oldest first."""
    from .models import ChronologyAnnotation

    ids = list(person_ids)
    seen: set[str] = set()
    events: list[ChronologyEvent] = []
    for event in _raw(ids):
        if event.source_key in seen:
            continue
        seen.add(event.source_key)
        if user is not None and not may_see(user, event):
            continue
        events.append(event)
    latest: dict[str, ChronologyAnnotation] = {}
    for note in (
        ChronologyAnnotation.objects.filter(person_id__in=ids)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    ):
        latest[note.source_key] = note
    curated = []
    for event in events:
        current = latest.get(event.source_key)
        if current is not None:
            event = replace(
                event,
                significant=current.significant,
                impact=current.impact or event.impact,
                analysis=current.analysis,
                annotated_by=current.recorded_by.display_name,
                annotated_at=current.recorded_at,
            )
        curated.append(event)
    curated.sort(key=lambda e: e.sort_key)
    if filters is not None:
        curated = [e for e in curated if filters.keep(e)]
    return curated


def find(person_id: int, source_key: str, *, user: Any = None) -> ChronologyEvent | None:
    for event in collect([person_id], user=user):
        if event.source_key == source_key:
            return event
    return None


# --- casework's own provider -------------------------------------------------------------


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    """Visits, finalised case notes, the child's recorded views, documents and manual entries."""
    from .models import CaseNote, CaseNoteStatus, ChildView, ChronologyEntry, Document, Visit

    for visit in Visit.objects.filter(person_id__in=person_ids).select_related("worker"):
        seen = "seen alone" if visit.seen_alone else ("seen" if visit.child_seen else "not seen")
        yield ChronologyEvent(
            person_id=visit.person_id,
            occurred_on=visit.visited_on,
            kind=Kind.VISIT,
            title=visit.get_kind_display(),
            summary=f"{visit.get_kind_display()} by {visit.worker.display_name}; child {seen}.",
            source="casework.Visit",
            source_key=f"casework.Visit:{visit.pk}",
        )
    for note in CaseNote.objects.filter(person_id__in=person_ids, status=CaseNoteStatus.FINAL).select_related(
        "author"
    ):
        yield ChronologyEvent(
            person_id=note.person_id,
            occurred_on=note.occurred_on,
            kind=Kind.SUPERVISION if note.kind == "MANAGEMENT_OVERSIGHT" else Kind.NOTE,
            title=f"Case note: {note.get_kind_display().lower()}",
            summary=(note.title or note.body.split("\n", 1)[0])[:200],
            source="casework.CaseNote",
            source_key=f"casework.CaseNote:{note.pk}",
            link=reverse("casework:note_detail", args=[note.pk]),
            restricted=note.restricted,
            author_id=note.author_id,
        )
    for view in ChildView.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=view.person_id,
            occurred_on=view.recorded_on,
            kind=Kind.VOICE,
            title="Child's wishes and feelings",
            summary=(f"“{view.words[:160]}”" if view.words else "A drawing or recording by the child."),
            source="casework.ChildView",
            source_key=f"casework.ChildView:{view.pk}",
            link=reverse("casework:voice", args=[view.person_id]),
        )
    for doc in Document.objects.filter(person_id__in=person_ids).prefetch_related("named_users"):
        yield ChronologyEvent(
            person_id=doc.person_id,
            occurred_on=doc.document_date,
            kind=Kind.DOCUMENT,
            title=f"Document: {doc.get_doc_type_display()}",
            summary=doc.title,
            source="casework.Document",
            source_key=f"casework.Document:{doc.pk}",
            link=reverse("casework:document_detail", args=[doc.pk]),
            restricted=doc.restricted,
            author_id=doc.uploaded_by_id,
            readers=frozenset(u.pk for u in doc.named_users.all()),
        )
    for entry in ChronologyEntry.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=entry.person_id,
            occurred_on=entry.occurred_on,
            kind=Kind.PARTNER_EVENT,
            title=f"Reported by {entry.agency}",
            summary=entry.what_happened.split("\n", 1)[0][:300],
            source="casework.ChronologyEntry",
            source_key=f"casework.ChronologyEntry:{entry.pk}",
            restricted=entry.restricted,
            author_id=entry.recorded_by_id,
            curated=True,
            significant=entry.significant,
            impact=entry.impact,
            agency=entry.agency,
        )
