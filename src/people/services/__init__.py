"""Changes to person records. Each takes the acting user, runs in one transaction, writes
the audit and says which people's records changed (`core.extensions.changed`). Views, other
apps' services and the demo generator call these; nothing else writes people.

By subject: `identity` (creating a record, identity details, names, disabilities,
immigration status), `addresses`, `relationships`, `alerts`, `restriction`, `grants` (access
for a partner agency user not allocated to the child), `merge` and `merge_undo`.
The rules they raise from are `people.rules`; the bulk forms (`bulk_create_people` …) write
many rows in a few queries through the same rules.
"""

from ..rules import PERSON_FIELDS, NewAddress
from .addresses import add_address, bulk_add_addresses
from .alerts import add_alert
from .grants import grant_access
from .identity import (
    NewPerson,
    add_immigration_status,
    add_name,
    bulk_create_people,
    create_person,
    set_disabilities,
    update_person,
)
from .merge import merge_people
from .merge_undo import undo_merge
from .relationships import NewRelationship, add_relationship, bulk_add_relationships, end_relationship
from .restriction import lift_restriction, restrict_record

__all__ = [
    "grant_access",
    "PERSON_FIELDS",
    "NewAddress",
    "NewPerson",
    "NewRelationship",
    "add_address",
    "add_alert",
    "add_immigration_status",
    "add_name",
    "add_relationship",
    "bulk_add_addresses",
    "bulk_add_relationships",
    "bulk_create_people",
    "create_person",
    "end_relationship",
    "lift_restriction",
    "merge_people",
    "restrict_record",
    "set_disabilities",
    "undo_merge",
    "update_person",
]
