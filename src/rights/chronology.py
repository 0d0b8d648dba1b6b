"""Advocacy, independent visitors, complaints and the child's views before meetings in the
child's chronology (see casework.chronology for the interface)."""

from collections.abc import Iterator
from typing import Any

from casework.chronology import ChronologyEvent, Kind, Source


def _advocacy_referral(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for a in rows:
        yield ChronologyEvent(
            person_id=a.person_id,
            occurred_on=a.referred_on,
            kind=Kind.VOICE,
            title="Referred for advocacy",
            summary="The child was referred to an advocate.",
            source="rights.AdvocacyReferral",
            source_key=f"rights.AdvocacyReferral:{a.pk}",
        )


def _independent_visitor(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for v in rows:
        yield ChronologyEvent(
            person_id=v.person_id,
            occurred_on=v.matched_on,
            kind=Kind.VOICE,
            title="Independent visitor matched",
            summary="The child was matched with an independent visitor.",
            source="rights.IndependentVisitor",
            source_key=f"rights.IndependentVisitor:{v.pk}",
        )


def _complaint(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for c in rows:
        yield ChronologyEvent(
            person_id=c.person_id,
            occurred_on=c.received_on,
            kind=Kind.VOICE,
            title="Complaint received",
            summary="The child's complaint was received.",
            source="rights.Complaint",
            source_key=f"rights.Complaint:{c.pk}",
        )


def _child_views(rows: Any, person_ids: frozenset[int]) -> Iterator[ChronologyEvent]:
    for w in rows:
        yield ChronologyEvent(
            person_id=w.person_id,
            occurred_on=w.given_on,
            kind=Kind.VOICE,
            title="The child's views",
            summary=w.views[:200],
            source="rights.ChildViews",
            source_key=f"rights.ChildViews:{w.pk}",
        )


SOURCES = (
    Source("rights.AdvocacyReferral", _advocacy_referral),
    Source("rights.IndependentVisitor", _independent_visitor),
    Source("rights.Complaint", _complaint),
    Source("rights.ChildViews", _child_views),
)
