"""Case directions from supervision, their reviews in later supervision, and case audits in the child's chronology (see
casework.chronology for the interface). Structured oversight is a management decision,
which protection reports."""

from casework.chronology import ChronologyEvent, Event, Kind, Source
from core.links import url

from .models import CaseAudit, CaseDirection, DirectionReview


def _direction(d: CaseDirection) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=d.person_id,
        occurred_on=d.given_on,
        kind=Kind.SUPERVISION,
        title="Case direction in supervision",
        summary=d.objectives[:200],
        source="quality.CaseDirection",
        source_key=f"quality.CaseDirection:{d.pk}",
        author_id=d.given_by_id,
    )


def _audit(a: CaseAudit) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=a.person_id,
        occurred_on=a.audited_on,
        kind=Kind.AUDIT,
        title=f"Case audit: {a.get_grade_display().lower()}",
        summary=a.learning[:200],
        source="quality.CaseAudit",
        source_key=f"quality.CaseAudit:{a.pk}",
        link=url("quality:audit", a.pk),
        author_id=a.auditor_id,
    )


def _review_summary(r: DirectionReview) -> str:
    moved = f" to {r.next_review_on:%d/%m/%Y}" if r.next_review_on else ""
    return f"The direction of {r.direction.given_on:%d/%m/%Y}: {r.get_outcome_display().lower()}{moved}. {r.note}"[
        :200
    ].strip()


SOURCES = (
    Source("quality.CaseDirection", (Event(_direction),)),
    Source(
        "quality.DirectionReview",
        (
            Event(
                on="session.held_on",
                title=lambda r: f"Case direction reviewed in supervision: {r.get_outcome_display().lower()}",
                summary=_review_summary,
            ),
        ),
        person="direction__person",
        select=("session", "direction"),
        kind=Kind.SUPERVISION,
    ),
    Source("quality.CaseAudit", (Event(_audit),)),
)
