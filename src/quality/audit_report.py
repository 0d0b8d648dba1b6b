"""Case audit reports over a period: grades by month and by theme (the audit tool's sections,
graded question by question), and what the audits found, quoted. Read-only."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .models import AuditAnswer, CaseAudit, Grade
from .models.audits import GOOD_OR_BETTER

ORDER = list(Grade.values)


@dataclass(frozen=True)
class GradeRow:
    label: str
    counts: list[int]  # in `Grade`'s order

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def good_or_better(self) -> int | None:
        """The percentage graded outstanding or good."""
        return round(100 * sum(self.counts[:2]) / self.total) if self.total else None


def _row(label: str, grades: Counter[str]) -> GradeRow:
    return GradeRow(label, [grades[g] for g in ORDER])


def _final(audit: CaseAudit) -> str:
    moderation = getattr(audit, "moderation", None)
    return moderation.agreed_grade if moderation else audit.grade


def by_month(start: date, end: date) -> list[GradeRow]:
    """The overall grade of each month's audits (the moderated grade where there is one)."""
    months: dict[date, Counter[str]] = {}
    for audit in CaseAudit.objects.filter(audited_on__range=(start, end)).select_related("moderation"):
        months.setdefault(audit.audited_on.replace(day=1), Counter())[_final(audit)] += 1
    return [_row(f"{month:%B %Y}", grades) for month, grades in sorted(months.items())]


def by_theme(start: date, end: date) -> list[GradeRow]:
    """The grades given to each section's questions, in the tool's order (the auditor's, as
    moderation agrees the overall grade only)."""
    themes: dict[tuple[str, int, str], Counter[str]] = {}
    answers = AuditAnswer.objects.filter(audit__audited_on__range=(start, end)).values_list(
        "question__section__tool__name", "question__section__order", "question__section__title", "grade"
    )
    for tool, order, title, grade in answers:
        themes.setdefault((tool, order, title), Counter())[grade] += 1
    tools = {tool for tool, _, _ in themes}
    return [
        _row(title if len(tools) == 1 else f"{tool}: {title}", grades)
        for (tool, _, title), grades in sorted(themes.items())
    ]


@dataclass(frozen=True)
class Learning:
    audited_on: date
    grade: str
    text: str


def learning(start: date, end: date, people: set[int], limit: int = 12) -> list[Learning]:
    """What the latest audits of the period found, quoted: those below good first (of the
    children in `people`, those the reader may open)."""
    audits = list(
        CaseAudit.objects.filter(audited_on__range=(start, end), person_id__in=people)
        .select_related("moderation")
        .order_by("-audited_on", "-pk")[: limit * 3]
    )
    audits.sort(key=lambda a: (_final(a) in GOOD_OR_BETTER, -a.audited_on.toordinal()))
    return [Learning(a.audited_on, Grade(_final(a)).label, a.learning) for a in audits[:limit]]
