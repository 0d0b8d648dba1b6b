"""What the person page shows, assembled once so the template stays simple."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from codes import person as codes
from core.extensions import Panel, person_panels
from core.presenters import age_text, govuk_date, nhs_number, yes_no

from . import access
from .models import (
    INVERSE_LABELS,
    SYMMETRIC_TYPES,
    MergeRecord,
    Person,
    PersonRelationship,
    RecordRestriction,
)


@dataclass(frozen=True)
class NetworkMember:
    person: Person
    label: str
    parental_responsibility: bool
    lives_with: bool
    since: date | None
    until: date | None
    relationship_id: int
    restricted: bool = False  # a restricted record the viewer may not open: shown unnamed

    @property
    def current(self) -> bool:
        return self.until is None or self.until >= timezone.localdate()


def network_for(person: Person, user: User) -> list[NetworkMember]:
    """The person's family network, each relationship labelled from this person's side;
    a relative whose record is restricted from `user` is marked, to be shown unnamed."""
    members = []
    as_a = PersonRelationship.objects.filter(person_a=person).select_related("person_b")
    as_b = PersonRelationship.objects.filter(person_b=person).select_related("person_a")
    for rel in as_a:
        # This person is B's <type>, so B is this person's inverse.
        label = rel.get_type_display() if rel.type in SYMMETRIC_TYPES else INVERSE_LABELS[rel.type]
        members.append(
            NetworkMember(rel.person_b, label, False, rel.lives_with, rel.start_date, rel.end_date, rel.pk)
        )
    for rel in as_b:
        members.append(
            NetworkMember(
                rel.person_a,
                rel.get_type_display(),
                rel.parental_responsibility,
                rel.lives_with,
                rel.start_date,
                rel.end_date,
                rel.pk,
            )
        )
    hidden = access.restricted_from(user, [m.person.pk for m in members])
    members = [replace(m, restricted=m.person.pk in hidden) for m in members]
    members.sort(
        key=lambda m: (not m.current, m.label, m.restricted, "" if m.restricted else m.person.family_name)
    )
    return members


class PersonPage:
    def __init__(self, person: Person, user: User, section: str = "") -> None:
        self.person = person
        self.user = user
        self.section = section  # which page of the record the panels are for (Panel.section)
        self.today = timezone.localdate()

    def can(self, permission: str) -> bool:
        return self.user.has_perm(Permission[permission].value)

    @cached_property
    def panels(self) -> list[Panel]:
        """Sections contributed by each stage of the child's journey (core.extensions)."""
        return [p for p in person_panels(self.person, self.user) if p.section == self.section]

    @cached_property
    def restriction(self) -> RecordRestriction | None:
        try:
            r = self.person.restriction  # type: ignore[attr-defined]
        except RecordRestriction.DoesNotExist:
            return None
        return r if r.active else None

    @cached_property
    def network(self) -> list[NetworkMember]:
        return network_for(self.person, self.user)

    @cached_property
    def addresses(self) -> list[Any]:
        return list(self.person.addresses.all())  # type: ignore[attr-defined]

    @cached_property
    def current_address(self) -> Any:
        return next((a for a in self.addresses if a.is_current(self.today)), None)

    @cached_property
    def other_names(self) -> list[Any]:
        return list(self.person.other_names.all())  # type: ignore[attr-defined]

    @cached_property
    def merged_records(self) -> list[MergeRecord]:
        """The records merged into this one that an administrator may still try to undo."""
        return list(
            MergeRecord.objects.filter(survivor=self.person, undone_at__isnull=True)
            .select_related("duplicate")
            .order_by("-merged_at")
        )

    @cached_property
    def allocations(self) -> list[Any]:
        return list(
            self.person.allocations.select_related("worker", "team").order_by(  # type: ignore[attr-defined]
                "-start_date", "-id"
            )
        )

    @cached_property
    def current_allocations(self) -> list[Any]:
        return [a for a in self.allocations if a.end_date is None or a.end_date >= self.today]

    def identity_rows(self) -> list[dict[str, Any]]:
        p = self.person
        disabilities = ", ".join(codes.DISABILITY.label(d.code) for d in p.disabilities.all())  # type: ignore[attr-defined]
        immigration = next(iter(p.immigration_statuses.all()), None)  # type: ignore[attr-defined]
        born = (
            f"{govuk_date(p.date_of_birth)} ({age_text(p.date_of_birth)})"
            if p.date_of_birth
            else f"Unborn – expected {govuk_date(p.expected_date_of_birth)}"
            if p.expected_date_of_birth
            else "Not recorded"
        )
        gender = codes.GENDER.label(p.gender)
        if p.gender_description:
            gender = f"{gender} – in their words: {p.gender_description}"
        language = codes.LANGUAGE.label(p.first_language)
        if p.interpreter_required:
            language += " (needs an interpreter)"
        rows = [
            ("Harbour ID", p.la_child_id),
            ("Known as", p.preferred_name or p.given_name),
            ("Date of birth", born),
            ("Sex", codes.SEX.label(p.sex)),
            ("Gender", gender),
            ("Ethnicity", codes.ETHNICITY.label(p.ethnicity)),
            ("Religion or belief", codes.RELIGION.label(p.religion)),
            ("First language", language),
            ("Disabilities", disabilities or "Not recorded"),
            (
                "Immigration status",
                str(immigration) if immigration and not immigration.end_date else "Not recorded",
            ),
            ("NHS number", nhs_number(p.nhs_number)),
            (
                "UPN",
                p.upn
                or (
                    codes.UPN_UNKNOWN.label(p.upn_unknown_reason) if p.upn_unknown_reason else "Not recorded"
                ),
            ),
        ]
        if p.former_upn:
            rows.append(("Former UPN", p.former_upn))
        if p.date_of_death:
            rows.append(("Date of death", govuk_date(p.date_of_death)))
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]

    def key_dates(self) -> list[dict[str, Any]]:
        p = self.person
        rows: list[tuple[str, str]] = []
        if p.date_of_birth:
            # Milestones that change what the child is entitled to, shown once they are near.
            for years, label in (
                (16, "16th birthday"),
                (18, "18th birthday"),
                (21, "21st birthday"),
                (25, "25th birthday"),
            ):
                when = p.birthday(years)
                if when and self.today <= when <= self.today + timedelta(days=3 * 365):
                    rows.append((label, govuk_date(when)))
        for a in self.current_allocations:
            rows.append((f"{a.get_role_display()} since", govuk_date(a.start_date)))
        if self.current_address:
            rows.append(("At current address since", govuk_date(self.current_address.start_date)))
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]

    def communication_rows(self) -> list[dict[str, Any]]:
        p = self.person
        return [
            {
                "key": {"text": "Identity, culture and what matters to them"},
                "value": {"text": p.identity_notes or "Not yet recorded"},
            },
            {
                "key": {"text": "Communication needs"},
                "value": {"text": p.communication_needs or "None recorded"},
            },
            {"key": {"text": "Needs an interpreter"}, "value": {"text": yes_no(p.interpreter_required)}},
        ]
