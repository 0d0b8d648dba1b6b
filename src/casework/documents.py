"""Documents generated from what is recorded, never re-keyed.

Plug-in point: an installed app may provide `<app>/documents.py` with
`GENERATORS = [DocumentGenerator(...), ...]` (`DocumentsModule`). A generator says which
records it can be made from for a person (`options`) and builds a `rendering.Doc` from one of
them (`build`); `casework.services.generate_document` renders it to PDF on the server, stores
it as a `Document` and audits it. Casework's own is "My record", a summary written to the
child.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, cast

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core.extensions import app_modules
from core.presenters import RESTRICTED_NAME
from people import access
from people.models import INVERSE_LABELS, Person, PersonRelationship
from workforce.models import Allocation

from .rendering import Doc

# `options(person)`: the records of this person a document can be made from, as
# (object id, what the user chooses it by), e.g. (12, "Plan made on 3 May 2025").
Options = Callable[[Person], list[tuple[int, str]]]
# `build(person, object_id, actor)`: the document made from one of them, by the user generating it.
Build = Callable[[Person, int, User], Doc]


@dataclass(frozen=True)
class DocumentGenerator:
    key: str  # unique, "<app>.<name>"
    title: str
    doc_type: str  # a casework.models.DocumentType value
    options: Options
    build: Build
    for_children_only: bool = False


class DocumentsModule(Protocol):
    """An app's `<app>/documents.py`: the documents it can generate."""

    GENERATORS: Sequence[DocumentGenerator]


def long_date(day: date | None) -> str:
    """A date as people write it ("5 January 2024"), or "not recorded"."""
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


# --- "My record": a summary written to the child ---------------------------------------


def _my_record_options(person: Person) -> list[tuple[int, str]]:
    return [(person.pk, f"My record for {person.given_name}")]


def _my_record(person: Person, object_id: int, actor: User) -> Doc:
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
    rels = [
        rel
        for rel in PersonRelationship.objects.filter(Q(person_a=person) | Q(person_b=person)).select_related(
            "person_a", "person_b"
        )
        if rel.is_current(today)
    ]
    private = access.restricted_from(None, [r.person_a_id for r in rels] + [r.person_b_id for r in rels])
    lines = []
    for rel in rels:
        if rel.person_b_id == person.pk:
            other, label = rel.person_a, rel.get_type_display()
        else:
            other, label = rel.person_b, INVERSE_LABELS.get(rel.type, rel.get_type_display())
        name = RESTRICTED_NAME if other.pk in private else f"{other.given_name} {other.family_name}"
        lines.append(f"{name} – your {label.lower()}" + (" (you live together)" if rel.lives_with else ""))
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


GENERATORS = [
    DocumentGenerator(
        key="casework.my_record",
        title="“My record” – a summary written to the child",
        doc_type="CHILD",
        options=_my_record_options,
        build=_my_record,
        for_children_only=True,
    ),
]


def registry() -> dict[str, DocumentGenerator]:
    """Every generator of every installed app, by key (of two with the same key, the first)."""
    found: dict[str, DocumentGenerator] = {}
    for module in cast(tuple[DocumentsModule, ...], app_modules("documents")):
        for gen in module.GENERATORS:
            found.setdefault(gen.key, gen)
    return found
