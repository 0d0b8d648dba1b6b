"""Previous permanence: what permanence the child had before starting care (SSDA903)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import ssda903
from people.models import Person

from ..models import PreviousPermanence
from ..partial_dates import parse_partial_date


@transaction.atomic
def record_previous_permanence(
    *, actor: User, person: Person, prev_perm: str, la_perm: str = "", date_perm: str = ""
) -> PreviousPermanence:
    """Record what permanence the child had before starting care (903 previous permanence)."""
    require(actor, Permission.RECORD_PERMANENCE)
    if prev_perm not in ssda903.PREVIOUS_PERMANENCE:
        raise ValidationError(
            {"prev_perm": "Select whether the child was previously adopted or under an order"}
        )
    date_perm = date_perm.strip().lower()
    if prev_perm in ("P4", "Z1"):
        la_perm, date_perm = "", ""
    elif date_perm:
        try:
            parse_partial_date(date_perm)
        except ValueError:
            raise ValidationError(
                {
                    "date_perm": "Enter the date as dd/mm/yyyy, using zz for an unknown day or month (zz/zz/2015)"
                }
            ) from None
    values = {
        "prev_perm": prev_perm,
        "la_perm": la_perm.strip(),
        "date_perm": date_perm,
        "recorded_by": actor,
    }
    row, created = PreviousPermanence.objects.update_or_create(person=person, defaults=values)
    audit_and_tell(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        person,
        row,
        "Recorded previous permanence",
        changes={k: v for k, v in values.items() if k != "recorded_by"},
    )
    return row
