"""Advocacy, independent visitors, complaints and the child's views before meetings in the
child's chronology (see casework.chronology for the interface)."""

from casework.chronology import ChronologyEvent, Event, Kind, Source

from .models import AdvocacyReferral, ChildViews, Complaint, IndependentVisitor


def _advocacy_referral(a: AdvocacyReferral) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.referred_on,
        kind=Kind.VOICE,
        title="Referred for advocacy",
        summary="The child was referred to an advocate.",
        source="rights.AdvocacyReferral",
        source_key=f"rights.AdvocacyReferral:{a.pk}",
    )


def _independent_visitor(v: IndependentVisitor) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=v.person_id,
        occurred_on=v.matched_on,
        kind=Kind.VOICE,
        title="Independent visitor matched",
        summary="The child was matched with an independent visitor.",
        source="rights.IndependentVisitor",
        source_key=f"rights.IndependentVisitor:{v.pk}",
    )


def _complaint(c: Complaint) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=c.person_id,
        occurred_on=c.received_on,
        kind=Kind.VOICE,
        title="Complaint received",
        summary="The child's complaint was received.",
        source="rights.Complaint",
        source_key=f"rights.Complaint:{c.pk}",
    )


def _child_views(w: ChildViews) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=w.person_id,
        occurred_on=w.given_on,
        kind=Kind.VOICE,
        title="The child's views",
        summary=w.views[:200],
        source="rights.ChildViews",
        source_key=f"rights.ChildViews:{w.pk}",
    )


SOURCES = (
    Source("rights.AdvocacyReferral", (Event(_advocacy_referral),)),
    Source("rights.IndependentVisitor", (Event(_independent_visitor),)),
    Source("rights.Complaint", (Event(_complaint),)),
    Source("rights.ChildViews", (Event(_child_views),)),
)
