"""Persons (children and the adults around them), their identity, addresses and family.

Fields follow the Standard Safeguarding Dataset person object so the CIN census, SSDA903
and Annex A can be produced from what workers record. Code lists come from `codes`.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from codes import person as codes
from core.records import Entered, ends_after_start, staff


class RecordType(models.TextChoices):
    CHILD = "CHILD", "Child or young person"
    ADULT = "ADULT", "Adult (family member, carer or other)"


class RecordStatus(models.TextChoices):
    ACTIVE = "ACTIVE", "Active"
    MERGED = "MERGED", "Merged into another record"


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> "PersonQuerySet":
        return self.filter(record_status=RecordStatus.ACTIVE)

    def children(self) -> "PersonQuerySet":
        return self.filter(record_type=RecordType.CHILD)


class Person(Entered):
    la_child_id = models.CharField(
        "Harbour ID", max_length=20, unique=True, help_text="Never reused, even after a merge."
    )
    record_type = models.CharField(max_length=5, choices=RecordType.choices)
    record_status = models.CharField(max_length=6, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )

    given_name = models.CharField("First name", max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField(
        "Known as", max_length=100, blank=True, help_text="The name the person likes to be called."
    )
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=codes.SEX.all_choices(), default="U")
    gender = models.CharField(max_length=1, choices=codes.GENDER.all_choices(), default="0")
    gender_description = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY.all_choices(), default="NOBT")
    religion = models.CharField(max_length=4, choices=codes.RELIGION.all_choices(), blank=True)
    first_language = models.CharField(max_length=4, choices=codes.LANGUAGE.all_choices(), blank=True)
    interpreter_required = models.BooleanField(default=False)
    communication_needs = models.TextField(blank=True)
    identity_notes = models.TextField(
        "Identity, culture and what matters to them",
        blank=True,
        help_text="In the person's own words where possible: heritage, faith, culture, "
        "language, what is important to them about who they are.",
    )

    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("Unique pupil number (UPN)", max_length=13, blank=True)
    former_upn = models.CharField("Former UPN", max_length=13, blank=True)
    upn_unknown_reason = models.CharField(max_length=3, choices=codes.UPN_UNKNOWN.all_choices(), blank=True)

    # Search keys, maintained by people.services whenever a name changes.
    family_name_norm = models.CharField(max_length=100, db_index=True, editable=False)
    given_name_norm = models.CharField(max_length=100, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                name="person_dob_or_expected_not_both",
                condition=Q(date_of_birth__isnull=True) | Q(expected_date_of_birth__isnull=True),
            ),
            models.CheckConstraint(
                name="person_merged_has_target",
                condition=Q(record_status="ACTIVE", merged_into__isnull=True)
                | Q(record_status="MERGED", merged_into__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["date_of_birth"]), models.Index(fields=["expected_date_of_birth"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.middle_names, self.family_name) if p)

    DISPLAY_NAME_FIELDS = ("given_name", "preferred_name", "family_name")  # what display_name reads

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.given_name:
            return " ".join(p for p in (self.given_name, f"({self.preferred_name})", self.family_name) if p)
        return " ".join(p for p in (self.given_name, self.family_name) if p)  # a first name may not be known

    @property
    def called(self) -> str:
        """What a sentence calls them: the name they go by, or "the child" when no first name
        is known (an unborn baby, a child the front door knows only by family name)."""
        return self.given_name or self.preferred_name or "the child"

    def age_on(self, on: date) -> int | None:
        born = self.date_of_birth
        if born is None or born > on:
            return None
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def birthday(self, years: int) -> date | None:
        """The date of the person's `years`-th birthday (29 February → 28 February)."""
        born = self.date_of_birth
        if born is None:
            return None
        try:
            return born.replace(year=born.year + years)
        except ValueError:
            return date(born.year + years, 2, 28)


class NameKind(models.TextChoices):
    PREVIOUS = "PREVIOUS", "Previous name"
    ALIAS = "ALIAS", "Also known as"
    BIRTH = "BIRTH", "Name at birth"


class PersonName(models.Model):
    """A previous name or alias: kept so people can be found by any name they have had."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=8, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    used_from = models.DateField(null=True, blank=True)
    used_to = models.DateField(null=True, blank=True)
    given_name_norm = models.CharField(max_length=100, editable=False)
    family_name_norm = models.CharField(max_length=100, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_to", "family_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class NameKey(models.Model):
    """Phonetic keys for every name a person has had: the index behind tolerant search.

    Each key carries the person's date of birth, so the duplicate check asks "born on one of
    these dates, with one of these keys" of one index (`people.search._candidates`), however
    common the key. Keys are made only by `people.search.name_keys`, and remade by
    `reindex_names` whenever a person's names or identity details change."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    part = models.CharField(max_length=6, choices=[("GIVEN", "Given"), ("FAMILY", "Family")])
    key = models.CharField(max_length=20)
    date_of_birth = models.DateField(null=True, blank=True)  # the person's, copied with the key

    class Meta:
        # (part, key, person): the check reads the person of each key from the index alone;
        # (date of birth, key, person): the people born on a few dates with a few keys.
        indexes = [
            models.Index(fields=["part", "key", "person"]),
            models.Index(fields=["date_of_birth", "key", "person"], name="namekey_born_key"),
        ]
        constraints = [models.UniqueConstraint(fields=["person", "part", "key"], name="namekey_unique")]

    def __str__(self) -> str:
        return f"{self.part}:{self.key}"


class Address(Entered):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=15, choices=codes.ADDRESS_KIND.all_choices())
    line_1 = models.CharField("Address line 1", max_length=120)
    line_2 = models.CharField("Address line 2", max_length=120, blank=True)
    town = models.CharField("Town or city", max_length=80)
    postcode = models.CharField(max_length=8, db_index=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [ends_after_start("address_end_after_start")]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)

    def is_current(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class PersonDisability(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=codes.DISABILITY.all_choices())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="disability_unique")]

    def __str__(self) -> str:
        return codes.DISABILITY.label(self.code)


class ImmigrationStatus(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="immigration_statuses")
    status = models.CharField(max_length=8, choices=codes.IMMIGRATION_STATUS.all_choices())
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return codes.IMMIGRATION_STATUS.label(self.status)


class Alert(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=15, choices=codes.ALERT_KIND.all_choices())
    details = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    created_by = staff(null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return codes.ALERT_KIND.label(self.kind)


class RelationshipType(models.TextChoices):
    """How person A relates to person B ("A is B's parent")."""

    PARENT = "PARENT", "Parent"
    STEP_PARENT = "STEP_PARENT", "Step-parent"
    SIBLING = "SIBLING", "Sibling"
    HALF_SIBLING = "HALF_SIBLING", "Half-sibling"
    GRANDPARENT = "GRANDPARENT", "Grandparent"
    OTHER_RELATIVE = "OTHER_RELATIVE", "Other relative"
    CARER = "CARER", "Carer"
    HOUSEHOLD_MEMBER = "HOUSEHOLD_MEMBER", "Household member"
    PARTNER_OF_PARENT = "PARTNER_OF_PARENT", "Partner of parent"


# What B is to A, for each type of "A is B's <type>".
INVERSE_LABELS: dict[str, str] = {
    RelationshipType.PARENT: "Child",
    RelationshipType.STEP_PARENT: "Step-child",
    RelationshipType.SIBLING: "Sibling",
    RelationshipType.HALF_SIBLING: "Half-sibling",
    RelationshipType.GRANDPARENT: "Grandchild",
    RelationshipType.OTHER_RELATIVE: "Other relative",
    RelationshipType.CARER: "Cared for",
    RelationshipType.HOUSEHOLD_MEMBER: "Household member",
    RelationshipType.PARTNER_OF_PARENT: "Partner's child",
}
SYMMETRIC_TYPES = frozenset(
    {
        RelationshipType.SIBLING,
        RelationshipType.HALF_SIBLING,
        RelationshipType.OTHER_RELATIVE,
        RelationshipType.HOUSEHOLD_MEMBER,
    }
)


class PersonRelationship(Entered):
    """A typed, dated relationship: `person_a` is `person_b`'s <type>."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_as_a")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_as_b")
    type = models.CharField(max_length=20, choices=RelationshipType.choices)
    parental_responsibility = models.BooleanField(
        default=False, help_text="Person A holds parental responsibility for person B."
    )
    lives_with = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="relationship_not_self", condition=~Q(person_a=models.F("person_b"))),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} {self.type} of {self.person_b_id}"

    def is_current(self, on: date) -> bool:
        return self.end_date is None or self.end_date >= on


class RestrictionReason(models.TextChoices):
    STAFF_CHILD = "STAFF_CHILD", "Child or relative of a member of staff"
    HIGH_PROFILE = "HIGH_PROFILE", "High-profile case"
    ADOPTION = "ADOPTION", "Adoption file"
    WITNESS = "WITNESS", "Witness protection or risk of being traced"
    OTHER = "OTHER", "Other"


class RecordRestriction(Entered):
    """A restricted record: visible only to named users; others must break the glass."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="restriction")
    reason = models.CharField(max_length=15, choices=RestrictionReason.choices)
    details = models.TextField(blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="restrictions_managed",
        help_text="Told whenever someone breaks the glass.",
    )
    named_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="restricted_records_allowed", blank=True
    )
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Restriction on {self.person_id}"


class BreakGlassAccess(models.Model):
    """A user's recorded reason for opening a restricted record they are not named on."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="break_glass")
    user = staff()
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["person", "user", "expires_at"])]

    def __str__(self) -> str:
        return f"Break glass {self.person_id} by {self.user_id}"


class AccessGrant(models.Model):
    """Access to a record given to a user of an involvement-only role (a partner agency) who is
    not allocated to the child, for a stated purpose and a span of days: a partner auditor of a
    multi-agency audit, for the audited children while the audit runs. The access door lets
    them in on the days it covers (`people.access`); a restriction still applies."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_grants")
    user = staff()
    purpose = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    granted_by = staff()
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["user", "person", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                name="people_access_grant_ends_after_it_starts",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return f"Access to {self.person_id} for {self.user_id}"


class MergeRecord(models.Model):
    """Two records of one person merged: what the duplicate held, kept for ever."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_received")
    # One standing merge per duplicate; an undone merge stays as history beside a later one.
    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_as_duplicate")
    merged_by = staff()
    merged_at = models.DateTimeField()
    reason = models.TextField()
    duplicate_snapshot = models.JSONField()
    moved = models.JSONField(default=dict, help_text="How many rows of each kind moved.")
    undo_data = models.JSONField(
        default=dict,
        help_text="What the merge changed, by row id and field, so that it can be undone exactly.",
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = staff(optional=True)
    undo_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["duplicate"],
                condition=Q(undone_at__isnull=True),
                name="one_standing_merge_per_duplicate",
            )
        ]

    def __str__(self) -> str:
        return f"Merge {self.duplicate_id} into {self.survivor_id}"


class IdentifierSequence(models.Model):
    """Issues LA child identifiers; a number once issued is never issued again."""

    name = models.CharField(max_length=30, unique=True)
    last_value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_value}"
