"""Build the CIN census from what workers record (RETURNS.md B; DfE CIN census guide).

Scope (the guide's "cases to include"): every CIN episode (`frontdoor.Referral`) open at any
point in the collection year: referred on or before 31 March and not closed before 1 April.
Within an episode:

* assessments started by 31 March and not authorised before 1 April;
* CIN plans signed off (a draft is not yet a plan), started by 31 March, not ended before 1 April;
* s47 enquiries started by 31 March and not finished before 1 April (finished = the initial
  conference held, or the enquiry concluded that none is needed);
* CP plans (made by the conference: sign-off does not change the start) started by 31 March,
  not ended before 1 April, with their review conferences held in the year;
* an initial (or transfer-in) conference with no s47 enquiry in the return is the episode's
  `DateOfInitialCPC`.

A completion, end or closure after 31 March is not yet known to that year's census: the item
is returned open. Every table row carries the `Source` a worker edits to change it.

A handful of set-based queries, whatever the number of children (no per-child query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.models import Assessment
from cin.models import CINPlan
from frontdoor.models import Referral
from people.models import Person, PersonDisability, RecordStatus, RecordType
from protection.models import Conference, ConferenceKind, CPPlan, PlanStatus, S47Enquiry, S47Outcome

from ..base import Gap, Progress, ReturnOutput, Source, Table, no_progress
from . import mapping
from .xml import write_xml

RETURN_NAME = "cin_census"
SOFTWARE_CODE = "Harbour"
RELEASE = "1"
SERIAL_NO = "001"

# The validator's tables and columns (cin_validator.ingress.XMLtoCSV), in its order.
COLUMNS: dict[str, list[str]] = {
    "Header": [
        "Collection",
        "Year",
        "ReferenceDate",
        "SourceLevel",
        "LEA",
        "SoftwareCode",
        "Release",
        "SerialNo",
        "DateTime",
    ],
    "ChildIdentifiers": [
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "Sex",
        "PersonDeathDate",
    ],
    "ChildCharacteristics": ["LAchildID", "Ethnicity"],
    "Disabilities": ["LAchildID", "Disability"],
    "CINdetails": [
        "LAchildID",
        "CINdetailsID",
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
    ],
    "Assessments": [
        "LAchildID",
        "CINdetailsID",
        "AssessmentID",
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
        "AssessmentFactors",
    ],
    "AssessmentFactorsList": ["LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactor"],
    "CINplanDates": ["LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate"],
    "Section47": [
        "LAchildID",
        "CINdetailsID",
        "S47ActualStartDate",
        "InitialCPCtarget",
        "DateOfInitialCPC",
        "ICPCnotRequired",
    ],
    "ChildProtectionPlans": [
        "LAchildID",
        "CINdetailsID",
        "CPPID",
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
    ],
    "Reviews": ["LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate"],
}

GAPS = (
    Gap(
        RETURN_NAME,
        "AssessmentInternalReviewDate",
        "Optional item: Harbour does not record an internal review date for assessments, so it "
        "is never returned.",
    ),
    Gap(
        RETURN_NAME,
        "UPNunknown UN6",
        "Harbour's list of reasons a UPN is unknown holds UN1-UN5; UN7 is derived (no UPN, no "
        "recorded reason, every episode a referral with no further action). UN6 is never returned.",
    ),
)


def _src(person_id: int, model: str = "", pk: int | None = None) -> Source:
    return Source(person_id=person_id, model=model, pk=pk)


def _in_scope(qs: QuerySet[Any], start: date, end: date, start_field: str, end_field: str) -> QuerySet[Any]:
    """Rows started by the end of the census and not finished before it began."""
    return qs.filter(**{f"{start_field}__lte": end}).filter(
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


PERSON_FIELDS = (
    "pk",
    "la_child_id",
    "upn",
    "former_upn",
    "upn_unknown_reason",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "date_of_death",
    "ethnicity",
)
EPISODE_FIELDS = (
    "pk",
    "person_id",
    "referral_date",
    "source",
    "primary_need",
    "referral_nfa",
    "closure_date",
    "closure_reason",
)


def _rows() -> dict[int, list[dict[str, Any]]]:
    return defaultdict(list)


@dataclass
class _Recorded:
    """What the queries found, keyed by person, episode or plan."""

    people: list[dict[str, Any]]
    episodes: dict[int, list[dict[str, Any]]]
    disabilities: dict[int, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    assessments: dict[int, list[dict[str, Any]]] = field(default_factory=_rows)
    cin_plans: dict[int, list[dict[str, Any]]] = field(default_factory=_rows)
    section47: dict[int, list[dict[str, Any]]] = field(default_factory=_rows)
    cp_plans: dict[int, list[dict[str, Any]]] = field(default_factory=_rows)
    reviews: dict[int, list[tuple[int, date]]] = field(default_factory=lambda: defaultdict(list))
    latest_category: dict[int, tuple[date, str]] = field(default_factory=dict)
    episode_icpc: dict[int, date] = field(default_factory=dict)
    all_plan_starts: dict[int, list[date]] = field(default_factory=lambda: defaultdict(list))


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _conferences(recorded: _Recorded, episode_ids: QuerySet[Any], start: date, end: date) -> dict[int, date]:
    """Initial, transfer-in and review conferences up to the reference date; returns the
    initial conference date of each s47 enquiry."""
    icpc_by_s47: dict[int, date] = {}
    conferences = (
        Conference.objects.filter(referral_id__in=episode_ids, held_on__lte=end)
        .order_by("held_on", "pk")
        .values_list("pk", "referral_id", "kind", "s47_id", "plan_id", "held_on", "category")
    )
    for pk, referral_id, kind, s47_id, plan_id, held_on, category in conferences:
        if kind == ConferenceKind.INITIAL and s47_id is not None:
            icpc_by_s47.setdefault(s47_id, held_on)
        elif kind in (ConferenceKind.INITIAL, ConferenceKind.TRANSFER_IN) and held_on >= start:
            recorded.episode_icpc[referral_id] = held_on
        if plan_id is not None and category:
            recorded.latest_category[plan_id] = (held_on, category)
        if kind == ConferenceKind.REVIEW and plan_id is not None and held_on >= start:
            recorded.reviews[plan_id].append((pk, held_on))
    return icpc_by_s47


def _section47(
    episode_ids: QuerySet[Any], icpc_by_s47: dict[int, date], start: date, end: date
) -> dict[int, list[dict[str, Any]]]:
    """S47 enquiries started by the reference date and not finished before the year began."""
    kept: list[dict[str, Any]] = []
    for found in (
        S47Enquiry.objects.filter(referral_id__in=episode_ids, start_date__lte=end)
        .order_by("start_date", "pk")
        .values("pk", "referral_id", "start_date", "icpc_due", "outcome", "outcome_date")
    ):
        row: dict[str, Any] = {**found, "icpc": icpc_by_s47.get(found["pk"])}
        finished = row["icpc"]
        if finished is None and row["outcome"] in (S47Outcome.CIN, S47Outcome.NFA):
            finished = row["outcome_date"]
        if finished is None or finished >= start:
            kept.append(row)
    return _grouped(kept, "referral_id")


def _read(referrals: QuerySet[Any], start: date, end: date, report: Progress) -> _Recorded:
    """Everything the return needs about the episodes' children: one query per kind of record."""
    episode_ids = referrals.values("pk")
    child_ids = referrals.values("person_id")
    total = 8
    report(1, total, "Children")
    recorded = _Recorded(
        people=list(Person.objects.filter(pk__in=child_ids).order_by("la_child_id").values(*PERSON_FIELDS)),
        episodes=_grouped(
            referrals.order_by("person_id", "referral_date", "pk").values(*EPISODE_FIELDS), "person_id"
        ),
    )
    for pk, person_id, code in (
        PersonDisability.objects.filter(person_id__in=child_ids)
        .order_by("person_id", "code")
        .values_list("pk", "person_id", "code")
    ):
        recorded.disabilities[person_id].append((pk, code))
    report(2, total, "Assessments")
    assessments = _in_scope(
        Assessment.objects.filter(referral_id__in=episode_ids), start, end, "start_date", "authorised_on"
    )
    recorded.assessments = _grouped(
        assessments.order_by("start_date", "pk").values(
            "pk", "referral_id", "start_date", "authorised_on", "factors"
        ),
        "referral_id",
    )
    report(3, total, "Child in need plans")
    cin_plans = CINPlan.objects.filter(referral_id__in=episode_ids).exclude(status=PlanStatus.DRAFT)
    recorded.cin_plans = _grouped(
        _in_scope(cin_plans, start, end, "start_date", "end_date")
        .order_by("start_date", "pk")
        .values("pk", "referral_id", "start_date", "end_date"),
        "referral_id",
    )
    report(4, total, "Conferences")
    icpc_by_s47 = _conferences(recorded, episode_ids, start, end)
    report(5, total, "Section 47 enquiries")
    recorded.section47 = _section47(episode_ids, icpc_by_s47, start, end)
    report(6, total, "Child protection plans")
    for person_id, started in CPPlan.objects.filter(person_id__in=child_ids).values_list(
        "person_id", "start_date"
    ):
        recorded.all_plan_starts[person_id].append(started)
    recorded.cp_plans = _grouped(
        _in_scope(CPPlan.objects.filter(referral_id__in=episode_ids), start, end, "start_date", "end_date")
        .order_by("start_date", "pk")
        .values("pk", "referral_id", "start_date", "end_date", "category", "previous_plans_elsewhere"),
        "referral_id",
    )
    return recorded


def build(
    year: int,
    *,
    person_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
    generated_at: datetime | None = None,
) -> ReturnOutput:
    """The CIN census for the collection year ending 31 March `year` (a pure read)."""
    report = progress or no_progress
    start, end = mapping.census_period(year)
    report(0, 8, "Episodes")
    referrals = _in_scope(
        Referral.objects.filter(
            person__record_type=RecordType.CHILD, person__record_status=RecordStatus.ACTIVE
        ),
        start,
        end,
        "referral_date",
        "closure_date",
    )
    if person_ids is not None:
        referrals = referrals.filter(person_id__in=list(person_ids))
    recorded = _read(referrals, start, end, report)

    report(7, 8, "Tables")
    tables = {name: Table(name=name, columns=list(cols)) for name, cols in COLUMNS.items()}
    moment = timezone.localtime(generated_at or timezone.now()).replace(microsecond=0, tzinfo=None)
    header = ["CIN", str(year), end.isoformat(), "L", settings.HARBOUR_AUTHORITY["la_code"]]
    tables["Header"].add([*header, SOFTWARE_CODE, RELEASE, SERIAL_NO, moment.isoformat()], Source(None))
    use_sex = year >= 2025
    for person in recorded.people:
        _child(tables, person, recorded.episodes[person["pk"]], recorded, use_sex=use_sex, end=end)

    name = f"cin_census_{year}.xml"
    output = ReturnOutput(name=RETURN_NAME, tables=tables, files={}, gaps=list(GAPS))
    output.files[name] = write_xml(tables, use_sex=use_sex)
    report(8, 8, "Done")
    return output


def _child(
    tables: dict[str, Table],
    person: dict[str, Any],
    episodes: list[dict[str, Any]],
    r: _Recorded,
    *,
    use_sex: bool,
    end: date,
) -> None:
    """One child's rows, in the order the XML holds them."""

    pid = person["pk"]
    child_id = person["la_child_id"]
    me = _src(pid)
    born, expected = mapping.birth(person["date_of_birth"], person["expected_date_of_birth"], end)
    unborn = born is None and expected is not None
    all_nfa = all(ep["referral_nfa"] for ep in episodes)
    tables["ChildIdentifiers"].add(
        [
            child_id,
            person["upn"] or None,
            person["former_upn"] or None,
            mapping.upn_unknown(person["upn_unknown_reason"], upn=person["upn"], all_nfa=all_nfa),
            mapping.iso(born),
            mapping.iso(expected),
            None if use_sex else mapping.gender_current(person["sex"], unborn=unborn),
            mapping.sex(person["sex"], unborn=unborn) if use_sex else None,
            mapping.iso(mapping.within(person["date_of_death"], end)),
        ],
        me,
    )
    tables["ChildCharacteristics"].add([child_id, person["ethnicity"]], me)
    for pk, code in r.disabilities.get(pid, []):
        tables["Disabilities"].add([child_id, code], _src(pid, "people.persondisability", pk))

    for number, ep in enumerate(episodes, start=1):
        closed = mapping.within(ep["closure_date"], end)
        tables["CINdetails"].add(
            [
                child_id,
                number,
                mapping.iso(ep["referral_date"]),
                ep["source"],
                ep["primary_need"] or None,
                mapping.iso(closed),
                (ep["closure_reason"] or None) if closed else None,
                mapping.iso(r.episode_icpc.get(ep["pk"])),
                mapping.boolean(ep["referral_nfa"]),
            ],
            _src(pid, "frontdoor.referral", ep["pk"]),
        )
        for a_number, a in enumerate(r.assessments.get(ep["pk"], []), start=1):
            done = mapping.within(a["authorised_on"], end)
            factors = list(dict.fromkeys(a["factors"] or [])) if done else []
            source = _src(pid, "assessments.assessment", a["pk"])
            tables["Assessments"].add(
                [
                    child_id,
                    number,
                    a_number,
                    mapping.iso(a["start_date"]),
                    None,
                    mapping.iso(done),
                    factors or None,
                ],
                source,
            )
            for factor in factors:
                tables["AssessmentFactorsList"].add([child_id, number, a_number, factor], source)
        for plan in r.cin_plans.get(ep["pk"], []):
            tables["CINplanDates"].add(
                [
                    child_id,
                    number,
                    mapping.iso(plan["start_date"]),
                    mapping.iso(mapping.within(plan["end_date"], end)),
                ],
                _src(pid, "cin.cinplan", plan["pk"]),
            )
        for s47 in r.section47.get(ep["pk"], []):
            tables["Section47"].add(
                [
                    child_id,
                    number,
                    mapping.iso(s47["start_date"]),
                    mapping.iso(s47["icpc_due"]),
                    mapping.iso(s47["icpc"]),
                    mapping.boolean(
                        s47["icpc"] is None
                        and mapping.icpc_not_required(s47["outcome"], s47["outcome_date"], end)
                    ),
                ],
                _src(pid, "protection.s47enquiry", s47["pk"]),
            )
        for c_number, plan in enumerate(r.cp_plans.get(ep["pk"], []), start=1):
            here = sum(1 for s in r.all_plan_starts.get(pid, []) if s < plan["start_date"])
            previous = here + plan["previous_plans_elsewhere"]
            latest = r.latest_category.get(plan["pk"], (plan["start_date"], plan["category"]))[1]
            tables["ChildProtectionPlans"].add(
                [
                    child_id,
                    number,
                    c_number,
                    mapping.iso(plan["start_date"]),
                    mapping.iso(mapping.within(plan["end_date"], end)),
                    plan["category"],
                    latest,
                    str(previous),
                ],
                _src(pid, "protection.cpplan", plan["pk"]),
            )
            for review_pk, held_on in r.reviews.get(plan["pk"], []):
                tables["Reviews"].add(
                    [child_id, number, c_number, mapping.iso(held_on)],
                    _src(pid, "protection.conference", review_pk),
                )
