"""Practice quality: management oversight and case audits, as `quality.measures` counts them
(local measures: the DfE collects none of them; Ofsted asks for them in inspection).

The measures say which children are in the denominator and which in the numerator; each
becomes a row per child counted, as every indicator's rows are. Supervision and caseloads are
measures of workers, not children, and are shown on the quality pages (`quality`), not here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from quality import measures
from quality.measures import Measure

from ..periods import Period
from .base import Indicator, Item, Polarity, Source, Unit, declare

FAMILY = "Practice quality"


def rows(measure: Measure, on: date, what: str) -> list[Item]:
    """One row per child in the measure's denominator, counted on `on`; `hit` for those in
    its numerator (a child audited twice is two rows)."""
    left = Counter(measure.counted)
    out = []
    for person_id in measure.included:
        hit = left[person_id] > 0
        left[person_id] -= hit
        out.append(Item(person_id, on, hit=hit, what=what))
    return out


def _local_percentage(**fields: object) -> Indicator:
    """A local percentage measure of practice quality (what every indicator here is)."""
    return declare(source=Source.LOCAL, unit=Unit.PERCENTAGE, family=FAMILY, **fields)


def _on_the_day(measure: Callable[[date], Measure], what: str) -> Callable[[Period], list[Item]]:
    """A measure as at the period's end (as at today while it runs on: `as_at` indicators)."""
    return lambda period: rows(measure(period.end), period.end, what)


def _over_the_period(measure: Callable[[date, date], Measure], what: str) -> Callable[[Period], list[Item]]:
    return lambda period: rows(measure(period.start, period.end), period.end, what)


_local_percentage(
    id="oversight_within_standard",
    title="Children with management oversight within the standard",
    definition="Of the children allocated to a social worker at the end of the period, those whose "
    "last recorded management oversight (a decision, a sign-off, a case direction or an oversight "
    "note) is within the authority's standard: 3 months, or 1 month on a child protection plan.",
    polarity=Polarity.HIGHER,
    numerator="Children whose oversight is within the standard",
    denominator="Children allocated to a social worker",
    items=_on_the_day(measures.oversight_within_standard, "Allocated child"),
    as_at=True,
)

_local_percentage(
    id="audit_good_or_better",
    title="Case audits graded good or better",
    definition="Of the case audits completed in the period, those graded outstanding or good "
    "(the moderated grade where the audit was moderated, else the auditor's).",
    polarity=Polarity.HIGHER,
    numerator="Audits graded outstanding or good",
    denominator="Audits completed in the period",
    items=_over_the_period(measures.audits_good_or_better, "Case audit"),
    divisible=False,
)

_local_percentage(
    id="audit_moderation_agreement",
    title="Moderated audits where the moderator agreed the grade",
    definition="Of the case audits moderated in the period, those whose agreed grade is the auditor's own.",
    polarity=Polarity.HIGHER,
    numerator="Moderations agreeing the auditor's grade",
    denominator="Audits moderated in the period",
    items=_over_the_period(measures.moderation_agreement, "Moderated audit"),
    divisible=False,
)

_local_percentage(
    id="audit_actions_overdue",
    title="Audit actions overdue",
    definition="Of the actions set by case audits and still open at the end of the period, those "
    "past their due date.",
    polarity=Polarity.LOWER,
    numerator="Open audit actions past their due date",
    denominator="Audit actions open at the end of the period",
    items=_on_the_day(measures.audit_actions_overdue, "Audit action"),
    as_at=True,
)
