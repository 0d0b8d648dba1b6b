"""The duplicate sweep's queue: proposing the pairs the sweep finds, and deciding them.

Accepting a pair merges its two records through the one merge service
(`people.services.merge_people`); rejecting it is remembered, and the sweep never proposes
that pair again.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.workflow import transition
from people.models import Person
from people.pairs import Blocking, LikelyPair, candidate_pairs, likely_pairs
from people.services import merge_people

from ..machines import DUPLICATE_PAIR
from ..models import DuplicatePair, DuplicateSweep, PairStatus


def sweep_for_duplicates(*, actor: User | None = None) -> DuplicateSweep:
    """Compare every active person with the others they may be (`people.pairs`, blocked) and
    queue the probable duplicates (`queue_duplicates`). Reading and weighing happen before
    the queue's one short transaction. `actor` None is the schedule; anyone else must be
    able to review the queue."""
    if actor is not None:
        require(actor, Permission.REVIEW_DUPLICATES)
    started_at = timezone.now()
    blocking = candidate_pairs()
    found = list(likely_pairs(blocking))
    return queue_duplicates(actor=actor, found=found, blocking=blocking, started_at=started_at)


@transaction.atomic
def queue_duplicates(
    *,
    actor: User | None,
    found: Iterable[LikelyPair],
    blocking: Blocking,
    started_at: datetime | None = None,
) -> DuplicateSweep:
    """Put the sweep's probable pairs in the queue: a pair new to it is proposed; one still
    awaiting review takes the latest score and reasons; one already decided (rejected, or
    merged) is left as it is, never proposed again. `actor` None is the schedule."""
    now = timezone.now()
    found = list(found)
    known = {
        (a, b): (pk, status)
        for pk, a, b, status in DuplicatePair.objects.values_list(
            "pk", "person_id", "other_person_id", "status"
        )
    }
    new, refreshed = [], []
    for pair in found:
        existing = known.get((pair.person_id, pair.other_id))
        if existing is None:
            new.append(
                DuplicatePair(
                    person_id=pair.person_id,
                    other_person_id=pair.other_id,
                    score=pair.score,
                    reasons=list(pair.reasons),
                    proposed_at=now,
                    last_found_at=now,
                )
            )
        elif existing[1] == PairStatus.PROPOSED:
            refreshed.append(
                DuplicatePair(pk=existing[0], score=pair.score, reasons=list(pair.reasons), last_found_at=now)
            )
    DuplicatePair.objects.bulk_create(new, batch_size=1000)
    DuplicatePair.objects.bulk_update(refreshed, ["score", "reasons", "last_found_at"], batch_size=1000)
    sweep = DuplicateSweep.objects.create(
        started_at=started_at or now,
        finished_at=timezone.now(),
        people=blocking.people,
        candidates=len(blocking.pairs),
        probable=len(found),
        proposed=len(new),
        skipped_blocks=blocking.skipped_blocks,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=sweep,
        summary=f"Duplicate sweep: {len(new)} new pairs to review of {len(found)} probable",
    )
    return sweep


def _proposed(pair: DuplicatePair) -> DuplicatePair:
    locked = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if locked.status != PairStatus.PROPOSED:
        raise ValidationError({"decision": "This pair has already been decided"})
    return locked


@transaction.atomic
def reject_pair(*, actor: User, pair: DuplicatePair, reason: str) -> DuplicatePair:
    """Record that the two records are different people; the sweep never proposes them again."""
    require(actor, Permission.REVIEW_DUPLICATES)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why these are different people"})
    pair = _proposed(pair)
    pair.decided_by, pair.decided_at, pair.decision_reason = actor, timezone.now(), reason
    pair.save(update_fields=["decided_by", "decided_at", "decision_reason"])
    transition(
        pair,
        "reject",
        **DUPLICATE_PAIR,
        actor=actor,
        reason=reason,
        summary="Possible duplicate rejected: not the same person",
    )
    return pair


@transaction.atomic
def accept_pair(*, actor: User, pair: DuplicatePair, keep: Person, reason: str) -> DuplicatePair:
    """Merge the pair's two records, keeping `keep` (one of them), through the merge service."""
    require(actor, Permission.REVIEW_DUPLICATES)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why these are the same person"})
    pair = _proposed(pair)
    first, second = pair.person_ids
    if keep.pk not in (first, second):
        raise ValidationError({"keep": "Select which record to keep"})
    duplicate_id = second if keep.pk == first else first
    duplicate = Person.objects.get(pk=duplicate_id)
    merge = merge_people(actor=actor, survivor=keep, duplicate=duplicate, reason=reason)
    pair.decided_by, pair.decided_at, pair.decision_reason, pair.merge = actor, timezone.now(), reason, merge
    pair.save(update_fields=["decided_by", "decided_at", "decision_reason", "merge"])
    transition(
        pair,
        "accept",
        **DUPLICATE_PAIR,
        actor=actor,
        reason=reason,
        summary=f"Possible duplicate accepted: {duplicate.la_child_id} merged into {keep.la_child_id}",
    )
    return pair
