"""The children's own rows: Header, UASC, and OC3 for care leavers at their birthdays."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from care_leavers import eligibility
from care_leavers.models import BirthdayStatus
from looked_after.models import PeriodOfCare
from people.models import PersonRelationship, RelationshipType

from ...base import Source
from .. import codes as c
from .year import Row, YearBuild

OC3_CATEGORIES = frozenset({eligibility.RELEVANT, eligibility.FORMER_RELEVANT})


def oc3(b: YearBuild) -> None:
    rows = list(
        BirthdayStatus.objects.filter(b.scope(), person__date_of_birth__isnull=False)
        .order_by("person_id", "age")
        .values("id", "person_id", "age", "in_touch", "activity", "accommodation", "suitability",
                "person__date_of_birth")
    )  # fmt: skip
    cared: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for e in b.episode_rows:
        cared[e["person_id"]].append((e["start_date"], e["end_date"]))
    # A care leaver at the birthday: a period of care that had ended by then (the DfE's
    # relevant/former relevant test is rule 1001; Harbour's history is complete).
    left: dict[int, list[date]] = defaultdict(list)
    spans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for p in PeriodOfCare.objects.filter(b.scope(), person_id__in={r["person_id"] for r in rows}).values(
        "person_id", "start_date", "end_date"
    ):
        spans[p["person_id"]].append((p["start_date"], p["end_date"]))
        if p["end_date"] is not None:
            left[p["person_id"]].append(p["end_date"])
    chosen: dict[int, Row] = {}
    r: Row
    for r in rows:
        born = r["person__date_of_birth"]
        assert born is not None  # filtered in the query
        day = c.birthday(born, int(r["age"]))
        if not b.start <= day <= b.end:
            continue
        if not any(end <= day for end in left.get(r["person_id"], [])):
            continue  # had not left care by this birthday: not a care leaver
        # Only care leavers: not for a young person still looked after on the birthday (rule 1016).
        if any(start <= day and (end is None or end >= day) for start, end in cared.get(r["person_id"], [])):
            continue
        # Only a relevant or former relevant young person (13 weeks looked after since 14,
        # some of it after 16): a "qualifying" care leaver has no OC3 return (rule 1001).
        if eligibility.compute_eligibility(born, spans[r["person_id"]], day) not in OC3_CATEGORIES:
            continue
        chosen[r["person_id"]] = r
    b.load_people(set(chosen))
    b.oc3_children = set(chosen)
    table = b.tables["OC3"]
    for pk in sorted(chosen, key=lambda k: str(b.people[k]["la_child_id"])):
        r = chosen[pk]
        in_touch = str(r["in_touch"])
        table.add(
            [
                b.child(pk),
                b.dob(pk),
                in_touch,
                c.activ_code(str(r["activity"]), in_touch),
                c.accom_code(str(r["accommodation"]), str(r["suitability"]), in_touch),
            ],
            Source(pk, "care_leavers.birthdaystatus", int(r["id"])),
        )


def header(b: YearBuild) -> None:
    children = b.episode_children | b.oc3_children
    mothers = _mothers(b)
    ends: dict[int, list[date | None]] = defaultdict(list)
    for e in b.episode_rows:
        ends[e["person_id"]].append(e["end_date"] if e["end_date"] and e["end_date"] <= b.end else None)
    left_care = {pk: max(d for d in dates if d) for pk, dates in ends.items() if all(dates)}
    table = b.tables["Header"]
    for pk in sorted(children, key=lambda k: str(b.people[k]["la_child_id"])):
        p = b.people[pk]
        mother, mc_dob = "", ""
        if p["sex"] == "F" and pk in b.episode_children:
            # Only for girls and young women looked after in the year (rule 628), and a
            # child born while she was looked after (rule 625).
            first = mothers.get(pk)
            if first is not None and pk in left_care and first > left_care[pk]:
                first = None
            mother = "1" if first else "0"
            mc_dob = c.fmt(first) if first else ""
        table.add(
            [
                b.child(pk),
                c.sex_code(str(p["sex"]), b.year),
                b.dob(pk),
                p["ethnicity"],
                c.upn_code(str(p["upn"]), str(p["upn_unknown_reason"])),
                mother,
                mc_dob,
            ],
            Source(pk),
        )


def _mothers(b: YearBuild) -> dict[int, date]:
    """Female children who are recorded as a parent: the date of birth of their first child."""
    first: dict[int, date] = {}
    r: Row
    for r in PersonRelationship.objects.filter(
        person_a_id__in=b.cohort,
        type=RelationshipType.PARENT,
        person_b__date_of_birth__isnull=False,
        person_b__date_of_birth__lte=b.end,
    ).values("person_a_id", "person_b__date_of_birth"):
        dob = r["person_b__date_of_birth"]
        assert dob is not None  # filtered in the query
        if r["person_a_id"] not in first or dob < first[r["person_a_id"]]:
            first[r["person_a_id"]] = dob
    return first


def uasc(b: YearBuild) -> None:
    table = b.tables["UASC"]
    statuses = b.uasc_statuses()
    for pk in sorted(statuses, key=lambda k: str(b.people[k]["la_child_id"])):
        s = statuses[pk]
        dob = b.people[pk]["date_of_birth"]
        ended = s["end_date"]
        if not isinstance(dob, date):
            duc = ended  # no date of birth recorded: rule 102 asks for it
        else:
            eighteenth = c.birthday(dob, 18)
            duc = min(ended, eighteenth) if isinstance(ended, date) else eighteenth
        if duc is not None and duc < b.start - (b.end - b.start):
            continue  # status ceased before last year's return: no longer reported
        table.add(
            [
                b.child(pk),
                c.sex_code(str(b.people[pk]["sex"]), b.year),
                b.dob(pk),
                c.fmt(duc),
            ],
            Source(pk, "people.immigrationstatus", int(s["id"])),
        )
