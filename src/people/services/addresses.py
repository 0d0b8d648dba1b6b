"""Where a person lives and has lived.

`add_address` records one address and `bulk_add_addresses` many, in the order given, in a
few queries (the demo generator); both go through `_move_in`, the rule that a new address
ends the earlier current one of the same kind.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed

from ..models import Address, Person
from ..rules import NewAddress, address_row
from ._batches import BATCH, in_chunks


def _move_in(row: Address, current: list[Address]) -> list[Address]:
    """Record `row` among the person's `current` addresses of its kind: each that began
    before it ends the day before it starts. Returns the addresses ended."""
    ended = [previous for previous in current if previous.start_date < row.start_date]
    for previous in ended:
        previous.end_date = row.start_date - timedelta(days=1)
        current.remove(previous)
    current.append(row)
    return ended


def _added_event(actor: User, row: Address) -> auditor.PendingEvent:
    return auditor.event(
        actor=actor, action=AuditAction.UPDATE, person=row.person, obj=row, summary="Added an address"
    )


@transaction.atomic
def add_address(*, actor: User, person: Person, address: NewAddress) -> Address:
    require(actor, Permission.EDIT_PERSON)
    row = address_row(person, address, created_by=actor)
    current = Address.objects.select_for_update().filter(person=person, kind=row.kind, end_date__isnull=True)
    ended = _move_in(row, list(current.order_by("id")))
    Address.objects.bulk_update(ended, ["end_date"])
    row.save()
    auditor.record_many([_added_event(actor, row)])
    changed(person)
    return row


def _current_addresses(person_ids: Iterable[int]) -> defaultdict[tuple[int, str], list[Address]]:
    current: defaultdict[tuple[int, str], list[Address]] = defaultdict(list)
    for chunk in in_chunks(sorted(person_ids)):
        rows = Address.objects.select_for_update().filter(person_id__in=chunk, end_date__isnull=True)
        for row in rows.order_by("id"):
            current[(row.person_id, row.kind)].append(row)
    return current


@transaction.atomic
def bulk_add_addresses(*, actor: User, items: Sequence[tuple[Person, NewAddress]]) -> list[Address]:
    """`add_address` for many (person, address) pairs, in the order given, in a few queries."""
    require(actor, Permission.EDIT_PERSON)
    rows = [address_row(person, address, created_by=actor) for person, address in items]
    if not rows:
        return []
    current = _current_addresses({person.pk for person, _ in items})
    ended: dict[int, Address] = {}
    for row in rows:
        for previous in _move_in(row, current[(row.person_id, row.kind)]):
            if previous.pk is not None:
                ended[previous.pk] = previous
    Address.objects.bulk_update(list(ended.values()), ["end_date"], batch_size=BATCH)
    Address.objects.bulk_create(rows, batch_size=BATCH)
    auditor.record_many(_added_event(actor, row) for row in rows)
    changed(*(person for person, _ in items))
    return rows
