"""Documents generated from what is recorded, never re-keyed.

Extension point: an installed app may provide `<app>/documents.py` with
`GENERATORS = [DocumentGenerator(...), ...]`. A generator says which records it can be made
from for a person (`options(person)` → [(object id, label)]) and builds a `rendering.Doc`
from one of them (`build(person, object_id, actor)`); `casework.services.generate_document`
renders it to PDF on the server, stores it as a `Document` and audits it. casework ships
generators for what exists on main: the acknowledgement letter to a referrer
(frontdoor.Referral) and "My record", a summary written to the child.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from codes import cin

from .rendering import Doc


@dataclass(frozen=True)
class DocumentGenerator:
    key: str  # unique, "<app>.<name>"
    title: str
    doc_type: str  # a casework.models.DocumentType value
    options: Callable[[Any], list[tuple[int, str]]]
    build: Callable[[Any, int, Any], Doc]
    for_children_only: bool = False


def long_date(day: date | None) -> str:
    """A date as people write it ("5 January 2024"), or "not recorded"."""
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


# --- Letter to the referrer acknowledging a referral -------------------------------------


def _referral_options(person: Any) -> list[tuple[int, str]]:
    from frontdoor.models import Referral

    return [
        (r.pk, f"Referral received {long_date(r.referral_date)} ({cin.REFERRAL_SOURCE.label(r.source)})")
        for r in Referral.objects.filter(person=person)
    ]


def _referral_letter(person: Any, object_id: int, actor: Any) -> Doc:
    from frontdoor.models import Referral

    referral = Referral.objects.get(pk=object_id, person=person)
    authority = settings.HARBOUR_AUTHORITY["name"]
    doc = Doc(title=f"Acknowledgement of referral – {person.la_child_id}")
    doc.p(authority)
    doc.p(f"Children's Services · {long_date(timezone.localdate())}")
    doc.meta("Our reference", f"{person.la_child_id}/R{referral.pk}")
    doc.h1("Thank you for your referral")
    doc.p(
        f"We received your referral about {person.full_name}"
        + (f" (born {long_date(person.date_of_birth)})" if person.date_of_birth else "")
        + f" on {long_date(referral.referral_date)}."
    )
    doc.p(
        "A qualified social worker will look at the information you gave us and decide what "
        "happens next within one working day. If you are worried that the child is in immediate "
        "danger, call the police on 999."
    )
    if referral.closure_date:
        doc.p(f"The referral was closed on {long_date(referral.closure_date)}.")
    doc.p(
        "Please quote our reference if you contact us about this child again. Information you "
        "give us is held securely under data protection law."
    )
    doc.p(f"Yours sincerely,\n{actor.display_name}\n{authority} Children's Services")
    return doc


# --- "My record": a summary written to the child ---------------------------------------


def _my_record_options(person: Any) -> list[tuple[int, str]]:
    return [(person.pk, f"My record for {person.given_name}")]


def _my_record(person: Any, object_id: int, actor: Any) -> Doc:
    from people.models import INVERSE_LABELS, PersonRelationship
    from workforce.models import Allocation

    name = person.preferred_name or person.given_name
    doc = Doc(title=f"My record – {name}")
    doc.h1(f"{name}, this is about you")
    doc.p(
        f"We are {settings.HARBOUR_AUTHORITY['name']} children's services. We keep a record about "
        "you so that the people helping you know what has happened and what matters to you. "
        "This page tells you what we hold. You can ask us to change anything that is wrong."
    )
    doc.h2("About you")
    doc.meta("Your name", person.full_name)
    if person.preferred_name:
        doc.meta("You like to be called", person.preferred_name)
    if person.date_of_birth:
        doc.meta("Your birthday", long_date(person.date_of_birth))
    doc.meta("Your Harbour number", person.la_child_id)
    if person.identity_notes:
        doc.meta("What you told us matters to you", person.identity_notes)
    doc.h2("The people in your life we know about")
    today = timezone.localdate()
    rels = PersonRelationship.objects.filter(Q(person_a=person) | Q(person_b=person)).select_related(
        "person_a", "person_b"
    )
    lines = []
    for rel in rels:
        if not rel.is_current(today):
            continue
        if rel.person_b_id == person.pk:
            other, label = rel.person_a, rel.get_type_display()
        else:
            other, label = rel.person_b, INVERSE_LABELS.get(rel.type, rel.get_type_display())
        lines.append(
            f"{other.given_name} {other.family_name} – your {label.lower()}"
            + (" (you live together)" if rel.lives_with else "")
        )
    for line in lines or ["We have not written down anyone yet."]:
        doc.p(line)
    doc.h2("Who your worker is")
    current = Allocation.objects.filter(person=person).current(today).select_related("worker", "team")
    workers = [
        f"{a.worker.display_name}, your {a.get_role_display().lower()} ({a.team.name})" for a in current
    ]
    for line in workers or ["You do not have a worker at the moment."]:
        doc.p(line)
    doc.p(
        "If you want to see everything we hold about you, or something here is wrong, tell your "
        "worker or ask someone you trust to help you contact us."
    )
    return doc


BUILT_IN = [
    DocumentGenerator(
        key="frontdoor.referral_acknowledgement",
        title="Letter to the referrer acknowledging a referral",
        doc_type="LETTER",
        options=_referral_options,
        build=_referral_letter,
    ),
    DocumentGenerator(
        key="casework.my_record",
        title="“My record” – a summary written to the child",
        doc_type="CHILD",
        options=_my_record_options,
        build=_my_record,
        for_children_only=True,
    ),
]
GENERATORS = list(BUILT_IN)


def registry() -> dict[str, DocumentGenerator]:
    """Every generator of every installed app, by key."""
    from core.extensions import app_modules

    found: dict[str, DocumentGenerator] = {}
    for module in app_modules("documents"):
        for gen in getattr(module, "GENERATORS", []):
            found.setdefault(gen.key, gen)
    return found
