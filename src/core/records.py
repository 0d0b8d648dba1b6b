"""What the records of every stage declare alike, declared once.

A member of staff named on a record (who recorded it, chaired, decided, supervised) is a
`staff` key: the user cannot be deleted while a record names them, and has no reverse
accessor. The child a record is about is a `person_key` (protected the same way), or a
`person_trace` on rows that must never hold up a merge or deletion (the audit, findings).
The stamps most records carry are abstract bases:

    class CoreGroup(RecordedBy):          # recorded_by
    class Placement(Recorded):            # recorded_by, recorded_at (when the row was written)
    class Referral(Created):              # created_by, created_at
    class Address(Entered):               # created_by (emptied if the user goes), created_at

A due date worked out by `timescales` is stored with the calendar it was worked out with (a
`calendar_stamp`), and a dated period's rule that it ends no earlier than it starts is one
check constraint:

    constraints = [ends_after_start("placement_end_after_start", strict=True)]

A row that belongs to another record of the child (an episode's action, a plan's check) is a
`Part` of it: its child is that record's, the child the access door opens it through.

    class PlanAction(Part, RecordedBy):
        whole = "episode"
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


def staff(*, optional: bool = False, **options: Any) -> "models.ForeignKey[Any, Any]":
    """A member of staff named on a record (`optional`: not yet, e.g. who will decide), kept
    while the record names them unless `on_delete` says otherwise."""
    if optional:
        options |= {"null": True, "blank": True}
    options.setdefault("on_delete", models.PROTECT)
    return models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **options)


class RecordedBy(models.Model):
    """A record that keeps who recorded it."""

    recorded_by = staff()

    class Meta:
        abstract = True


class Recorded(RecordedBy):
    """A record that keeps who recorded it and when the row was written."""

    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Created(models.Model):
    """A record that keeps who opened it and when the row was written (later changes are in
    its history and the audit)."""

    created_by = staff()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Entered(models.Model):
    """A row that keeps who entered it and when, and outlives that member of staff: their key
    is emptied if their account is ever deleted."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff(null=True, on_delete=models.SET_NULL)

    class Meta:
        abstract = True


class Part:
    """A row that belongs to another record of a child, the one its field `whole` names: its
    child (`person_id`, read by the access door) is that record's."""

    whole: ClassVar[str]

    @property
    def person_id(self) -> int:
        """The child whose record this row belongs to."""
        return int(getattr(self, self.whole).person_id)


def calendar_stamp(**options: Any) -> "models.CharField[Any, Any]":
    """The bank holidays' calendar a stored due date was worked out with (its version, as
    `timescales.calendar_version()` names it), kept beside the date to explain it later."""
    return models.CharField(max_length=40, **options)


def person_key(related_name: str = "+") -> "models.ForeignKey[Any, Any]":
    """The child (or adult) a record is about: their record cannot be deleted while it is."""
    return models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name=related_name)


def person_trace() -> "models.ForeignKey[Any, Any]":
    """The person a row is about, kept as a trace that never stands in the way of their record:
    not a database constraint, and untouched when the record is merged or deleted."""
    return models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )


def ends_after_start(
    name: str, start: str = "start_date", end: str = "end_date", *, strict: bool = False
) -> models.CheckConstraint:
    """A period still open (no `end`) or ending on or after (`strict`: after) its `start`."""
    after = "gt" if strict else "gte"
    return models.CheckConstraint(
        name=name,
        condition=models.Q(**{f"{end}__isnull": True}) | models.Q(**{f"{end}__{after}": models.F(start)}),
    )
