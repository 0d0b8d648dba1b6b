"""Case directions from supervision and case audits in the child's chronology (see
casework.chronology for the interface). Structured oversight is a management decision,
which protection reports."""

from casework.chronology import ChronologyEvent, Event, Kind, Source
from core.links import url

from .models import CaseAudit, CaseDirection


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


SOURCES = (
    Source("quality.CaseDirection", (Event(_direction),)),
    Source("quality.CaseAudit", (Event(_audit),)),
)
