"""The OC2 table: children looked after continuously throughout the year, and their health."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from looked_after.models import HealthAssessment, HealthCheckKind

from ...base import Source
from .. import codes as c
from .year import SHORT_BREAKS, Row, YearBuild


def oc2(b: YearBuild) -> None:
    by_child: dict[int, list[Row]] = defaultdict(list)
    for r in b.episode_rows:
        by_child[r["person_id"]].append(r)
    throughout: set[int] = set()
    for pk, eps in by_child.items():
        first, last = eps[0], eps[-1]
        starts_in_year = any(e["reason_new_episode"] == "S" and e["start_date"] > b.start for e in eps)
        # Care ending on 31 March itself still counts as looked after at 31 March (the DfE's rules
        # 187 and 191 expect an OC2 row then).
        ended = last["end_date"] is not None and last["end_date"] < b.end
        if (
            first["start_date"] <= b.start
            and not starts_in_year
            and not ended
            and not all(e["legal_status__legal_status"] in SHORT_BREAKS for e in eps)
        ):
            throughout.add(pk)
    checks: dict[int, list[Row]] = defaultdict(list)
    for h in (
        HealthAssessment.objects.filter(person_id__in=b.cohort, completed_on__range=health_window(b))
        .order_by("completed_on", "id")
        .values(
            "id", "person_id", "kind", "completed_on", "immunisations_up_to_date", "sdq_score", "sdq_reason",
            "substance_misuse", "intervention_received", "intervention_offered", "convicted",
        )
    ):  # fmt: skip
        if h["person_id"] in throughout:
            checks[h["person_id"]].append(h)
    table = b.tables["OC2"]
    for pk in sorted(throughout, key=lambda k: str(b.people[k]["la_child_id"])):
        dob = b.people[pk]["date_of_birth"]
        if not isinstance(dob, date):
            dob = b.start  # not recorded (rule 102): treated as under 4, no age-bound items
        # Before the year: a 17th birthday on 1 April itself is in the year (rules 189, 197B).
        age_end, age_start = c.age_on(dob, b.end), c.age_on(dob, b.start - timedelta(days=1))
        hs = checks.get(pk, [])
        assessments = [h for h in hs if h["kind"] in {HealthCheckKind.INITIAL, HealthCheckKind.REVIEW}]
        sdq_score, sdq_reason = "", ""
        if age_end >= 4 and age_start < 17:
            scored = [h for h in assessments if h["sdq_score"] is not None]
            reasons = [h for h in assessments if h["sdq_reason"]]
            if scored:
                sdq_score = str(scored[-1]["sdq_score"])
            elif reasons:
                sdq_reason = str(reasons[-1]["sdq_reason"])
            # Neither recorded: both left blank, and rule 186 asks for one.
        immunised = [
            h["immunisations_up_to_date"] for h in assessments if h["immunisations_up_to_date"] is not None
        ]
        misuse = any(h["substance_misuse"] for h in hs)
        received = any(h["intervention_received"] for h in hs)
        offered = [h["intervention_offered"] for h in hs if h["intervention_offered"] is not None]
        source_pk = int(assessments[-1]["id"]) if assessments else None
        table.add(
            [
                b.child(pk),
                b.dob(pk),
                sdq_score,
                sdq_reason,
                c.flag(any(h["convicted"] for h in hs)) if age_end >= 10 else "",
                c.flag(bool(assessments)) if age_end < 5 else "",
                c.flag(bool(immunised and immunised[-1])),
                c.flag(any(h["kind"] == HealthCheckKind.DENTAL for h in hs)),
                c.flag(bool(assessments)),
                c.flag(misuse),
                c.flag(received) if misuse else "",
                c.flag(offered[-1] if offered else None) if misuse and not received else "",
            ],
            Source(pk, "looked_after.healthassessment" if source_pk else "", source_pk),
        )


def health_window(b: YearBuild) -> tuple[date, date]:
    """The year; for a year still in progress, the 12 months to today (the latest
    assessments so far: a review due before 31 March is not yet missing)."""
    today = timezone.localdate()
    if today >= b.end:
        return b.start, b.end
    return today - timedelta(days=365), today
