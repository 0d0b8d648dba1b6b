"""Incremental re-validation: after an edit, run only the rules that read what changed (ADR 0023).

A rule's findings on a child's rows depend only on that child's rows in the tables the rule
reads (the rules that compare children aside, ADR 0021). So Harbour keeps, for each child and
return, a fingerprint of the child's rows in every table (`ValidatedInput`), taken when their
findings were last worked out: by the whole validation run, or by a child's re-validation.
After an edit, a re-validation builds the child's rows again and compares:

* no table changed (a case note, a visit: nothing the return holds): no rule runs, and the
  stored findings stand;
* some tables changed (a review, a placement move): only the rules that can read one of
  them run, and only their stored findings are replaced (`findings.sync(rules=...)`);
* nothing stored, or stored for another collection year: every rule runs.

Which rules read which tables is the return's own knowledge (`rules_reading` in each
validation module): worked out from the rules' source, over-approximated where it cannot be
read, and checked against the tables the rules are seen to read in the test suite.

    fingerprints(tables, person_ids)       digest of each child's rows in each table
    changed(before, after)                 the tables whose digests differ (None: unknown)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from .base import Table

Fingerprints = dict[str, str]  # table name -> digest of one child's rows in it


def fingerprints(
    tables: Mapping[str, Table], person_ids: Iterable[int] | None = None
) -> dict[int, Fingerprints]:
    """For each child (those in `person_ids`, or every child with rows), a digest of their
    rows in each table where they have any, in the order the return holds them, together with
    each row's source (the recorded object it came from, which a stored finding names).
    Return-level rows (no child) are not any child's and are left out."""
    wanted = None if person_ids is None else set(person_ids)
    digests: dict[int, dict[str, Any]] = {}
    for name, table in tables.items():
        for row, source in zip(table.rows, table.sources, strict=True):
            pk = source.person_id if source is not None else None
            if pk is None or (wanted is not None and pk not in wanted):
                continue
            digest = digests.setdefault(pk, {}).get(name)
            if digest is None:
                digest = digests[pk][name] = hashlib.blake2b(digest_size=16)
            digest.update(repr((tuple(row), source.model, source.pk)).encode())
            digest.update(b"\n")
    result = {pk: {name: d.hexdigest() for name, d in sorted(per.items())} for pk, per in digests.items()}
    for pk in wanted or ():
        result.setdefault(pk, {})
    return result


def changed(before: Mapping[str, str] | None, after: Mapping[str, str]) -> frozenset[str] | None:
    """The tables in which a child's rows differ (appeared, went or changed); None when there
    is nothing to compare with (every table must be taken as changed)."""
    if before is None:
        return None
    return frozenset(name for name in set(before) | set(after) if before.get(name) != after.get(name))
