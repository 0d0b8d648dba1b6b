"""The SSDA903 build on a hand-made cohort (see ssda903_cohort.py): every file compared with
the hand-checked expected CSVs in fixtures/ssda903/, and each row traced to its source."""

import csv
import io
from pathlib import Path

import pytest

from returns.base import Severity
from returns.ssda903 import build, validate
from returns.ssda903.codes import FILE_NAMES, TABLE_COLUMNS

from .ssda903_cohort import YEAR, build_cohort

FIXTURES = Path(__file__).parent / "fixtures" / "ssda903"


@pytest.fixture
def cohort(db):
    return build_cohort()


def _relabelled(content: bytes, cohort) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode())))
    return [rows[0]] + [[cohort.label(row[0]), *row[1:]] for row in rows[1:]]


def _expected(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((FIXTURES / name).read_text())))


@pytest.mark.parametrize("table", [t for t in TABLE_COLUMNS if t != "DoLo"])
def test_each_file_matches_the_hand_checked_file(cohort, table):
    output = build(YEAR)
    name = FILE_NAMES[table]
    assert _relabelled(output.files[name], cohort) == _expected(name)


def test_every_row_has_a_source_pointing_at_the_child(cohort):
    output = build(YEAR)
    ids = {p.pk for p in cohort.children.values()}
    for table in output.tables.values():
        assert len(table.sources) == len(table.rows)
        for row, source in zip(table.rows, table.sources, strict=True):
            assert source.person_id in ids
            assert cohort.label(str(row[0])) in cohort.children
    episodes = output.tables["Episodes"]
    assert {s.model for s in episodes.sources} == {"looked_after.careepisode"}
    assert {s.model for s in output.tables["SWEpisodes"].sources} == {"workforce.allocation"}
    assert {s.model for s in output.tables["AD1"].sources} == {"permanence.adoptioncase"}


def test_one_child_build_holds_only_that_child(cohort):
    a = cohort.children["A"]
    output = build(YEAR, person_ids=[a.pk])
    for table in output.tables.values():
        assert {s.person_id for s in table.sources} <= {a.pk}
    assert len(output.tables["Episodes"].rows) == 2


def test_progress_is_reported(cohort):
    seen = []
    build(YEAR, progress=lambda done, total, stage: seen.append((done, total, stage)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] and seen[-1][2] == "done"


def test_the_cohort_passes_the_dfe_rules(cohort):
    findings = validate(build(YEAR), YEAR)
    errors = [(f.rule_code, f.message, f.source) for f in findings if f.severity == Severity.ERROR]
    assert errors == []
    gaps = {f.rule_code for f in findings if f.severity == Severity.GAP}
    assert {"231", "233"} <= gaps  # crash in the package: reported, not hidden
    assert {"219", "1008"} <= gaps  # need the Ofsted provider lists


def test_a_broken_record_is_found_and_traced_to_the_placement(cohort):
    from looked_after.models import Placement

    a = cohort.children["A"]
    placement = Placement.objects.filter(person=a, end_date__isnull=True).get()
    Placement.objects.filter(pk=placement.pk).update(postcode="ZZ99 9ZZ")
    findings = validate(build(YEAR, person_ids=[a.pk]), YEAR)
    failing = [f for f in findings if f.rule_code == "392c"]
    assert failing
    assert failing[0].source.person_id == a.pk
    assert failing[0].source.model == "looked_after.careepisode"


def test_a_qualifying_care_leaver_has_no_oc3_row(cohort):
    """Looked after for under 13 weeks after 16 (a "qualifying" care leaver, not relevant or
    former relevant): their 17th birthday contact is recorded but not returned (rule 1001)."""
    from datetime import date

    from care_leavers.tests.factories import in_touch_at_birthday
    from looked_after import services as care
    from people.models import Person

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    q = _child(worker, "Q", date(2008, 9, 15), "M", upn="Q123456789012")
    care.record_period_of_care(
        actor=worker,
        person=q,
        start_date=date(2024, 12, 29),
        end_date=date(2025, 2, 21),  # 54 days, at 16
        legal_status="V2",
        category_of_need="N1",
        placement=_foster("U6", "TS24 0HL", urn="SC666667"),
        reason_ceased="E13",
    )
    in_touch_at_birthday(worker, q, 17, date(2025, 9, 16), "F1", "B")
    output = build(YEAR)
    oc3_children = {src.person_id for src in output.tables["OC3"].sources}
    assert q.pk not in oc3_children
    assert cohort.children["F"].pk in oc3_children  # the former relevant care leaver still is
    assert Person.objects.filter(pk=q.pk).exists()


def test_a_relevant_care_leaver_whose_care_began_before_last_year_is_a_query_for_1001(cohort):
    """Looked after from 15 (December 2023) to 16 (May 2024), 152 days: a relevant child. Last
    year's file holds only the period's last episode (86 days), so the DfE's two-year rule 1001
    sees too little care; Harbour's history of the earlier episodes makes it a query."""
    from datetime import date

    from care_leavers.tests.factories import in_touch_at_birthday
    from looked_after import services as care
    from looked_after.tests.factories import take_into_care

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    r = _child(worker, "R", date(2008, 4, 15), "F", upn="R123456789012")
    period = take_into_care(
        worker, r, date(2023, 12, 19), "V2", "N1", _foster("U6", "TS24 0HL", urn="SC666668")
    )
    care.record_change(
        actor=worker,
        period=period,
        on=date(2024, 2, 23),  # before last year's collection began on 1 April 2024
        placement=_foster("U4", "TS25 4HY", urn="SC666669"),
        reason_for_change="CARPL",
    )
    care.end_care(actor=worker, period=period, on=date(2024, 5, 19), reason_ceased="E4A")
    in_touch_at_birthday(worker, r, 17, date(2025, 4, 16), "F1", "B")
    output = build(YEAR)
    assert r.pk in {src.person_id for src in output.tables["OC3"].sources}
    raised = [
        f for f in validate(output, YEAR) if f.rule_code == "1001" and f.source and f.source.person_id == r.pk
    ]
    assert raised, "the DfE rule sees only the last 86 days of care"
    assert {f.severity for f in raised} == {Severity.QUERY}
    assert "looked after before last year" in raised[0].message


def test_2024_25_sex_codes_and_supported_accommodation_are_not_errors(cohort):
    """2023/24 returned SEX as 1/2 and 2024/25 as M/F/U: a child in both years' returns has
    the same sex, not a conflict (rule 202). The 2024/25 rule set lists K3 as "k3" (rule 146):
    supported accommodation is a query that says so."""
    from datetime import date

    from looked_after.tests.factories import take_into_care

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    s = _child(worker, "S", date(2007, 11, 2), "M", upn="S123456789012")
    take_into_care(
        worker, s, date(2024, 6, 3), "V2", "N1", _foster("K3", "TS24 9QX", provider="PR4", urn="SC555556")
    )
    output = build(2025)
    findings = validate(output, 2025)
    assert not [f for f in findings if f.rule_code == "202"]
    k3 = [f for f in findings if f.rule_code == "146"]
    assert k3 and {f.severity for f in k3} == {Severity.QUERY}
    assert {f.source.person_id for f in k3 if f.source} == {s.pk}


def test_care_ending_on_31_march_still_counts_as_looked_after_all_year_for_oc2(cohort):
    """The DfE's rules (187, 191) treat a child whose care ends on 31 March itself as looked
    after continuously at 31 March: they are in OC2; a day earlier, they are not."""
    from datetime import date

    from looked_after import services as care

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    kept, left = (
        _child(worker, name, date(2015, 5, 1), "F", upn=upn)
        for name, upn in (("M", "M123456789012"), ("N", "N123456789012"))
    )
    for child, ended in ((kept, date(2026, 3, 31)), (left, date(2026, 3, 30))):
        care.record_period_of_care(
            actor=worker,
            person=child,
            start_date=date(2024, 6, 3),
            end_date=ended,
            legal_status="C2",
            category_of_need="N1",
            placement=_foster("U1", "TS24 0HL", urn="SC666668"),
            reason_ceased="E4A",
        )
    oc2_children = {src.person_id for src in build(YEAR).tables["OC2"].sources}
    assert kept.pk in oc2_children
    assert left.pk not in oc2_children


def test_187_on_a_child_adopted_on_31_march_is_a_query_not_an_error():
    """Rule 187 counts a child adopted on 31 March in OC2 and AD1 at once, then flags it: a
    fault of the rule, so a query; on a child adopted earlier it stays an error."""
    from returns.base import Finding, ReturnOutput, Source, Table
    from returns.ssda903.validation import known_faults

    columns = TABLE_COLUMNS["Episodes"]
    dec = columns.index("DEC")
    episodes, ad1 = Table("Episodes", columns), Table("AD1", TABLE_COLUMNS["AD1"])
    for person, ended in ((1, "31/03/2026"), (2, "30/03/2026")):
        row: list[object] = [""] * len(columns)
        row[dec] = ended
        episodes.add(row, Source(person, "looked_after.episode", person))
        ad1.add([""] * len(TABLE_COLUMNS["AD1"]), Source(person, "permanence.adoptioncase", person))
    output = ReturnOutput("ssda903", {"Episodes": episodes, "AD1": ad1}, {})
    findings = [Finding("ssda903", "187", "Child cannot be ...", Severity.ERROR, src) for src in ad1.sources]

    on_31_march, earlier = known_faults(findings, output, YEAR)

    assert on_31_march.severity == Severity.QUERY and "Adopted on 31 March" in on_31_march.message
    assert earlier.severity == Severity.ERROR


def test_a_worker_allocated_on_the_day_care_ended_is_not_a_social_worker_episode(cohort):
    """A leaving-care worker allocated on the day care ends works with the young person after
    care, not while looked after: no SWEpisodes row (rules SW12STG2/SW17STG2); the worker who
    held the child until then keeps the episode, open at the end of care (SW_DEC blank)."""
    from datetime import date

    from accounts.models import User
    from looked_after import services as care
    from looked_after.tests.factories import take_into_care
    from workforce.models import Allocation, AllocationReason
    from workforce.tests.factories import allocate

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    manager, leaving_care = User.objects.get(username="cic.manager"), User.objects.get(username="cic.worker2")
    child = _child(worker, "T", date(2010, 2, 1), "F", upn="T123456789012")
    team = worker.team
    first = allocate(manager, child, worker, team, date(2025, 6, 2), reason=AllocationReason.FCONTA)
    period = take_into_care(
        worker, child, date(2025, 6, 2), "V2", "N1", _foster("U1", "TS24 0HL", urn="SC666670")
    )
    care.end_care(actor=worker, period=period, on=date(2026, 1, 15), reason_ceased="E4A")
    after = allocate(manager, child, leaving_care, team, date(2026, 1, 15), reason=AllocationReason.TSPROC)

    table = build(YEAR, person_ids=[child.pk]).tables["SWEpisodes"]

    assert [s.pk for s in table.sources] == [first.pk]
    assert Allocation.objects.get(pk=after.pk).end_date is None
    decom, dec = TABLE_COLUMNS["SWEpisodes"].index("SW_DECOM"), TABLE_COLUMNS["SWEpisodes"].index("SW_DEC")
    assert (table.rows[0][decom], table.rows[0][dec]) == ("02/06/2025", "")


def test_210_on_a_newly_looked_after_child_with_un4_is_a_query_and_an_error_after_a_week(cohort):
    """Rule 210 flags UN4 on a child with an episode from 24 March. A child who came into care
    on 27 March is newly looked after, which UN4 is for: a query. A child looked after since
    January who moved on 25 March has been looked after for more than a week: an error."""
    from datetime import date

    from looked_after import services as care
    from looked_after.tests.factories import take_into_care

    from .ssda903_cohort import _child, _foster

    worker = cohort.worker
    new = _child(worker, "U", date(2011, 6, 1), "M", upn_unknown_reason="UN4")
    take_into_care(worker, new, date(2026, 3, 27), "V2", "N1", _foster("U1", "TS24 0HL", urn="SC666671"))
    settled = _child(worker, "V", date(2011, 7, 1), "F", upn_unknown_reason="UN4")
    period = take_into_care(
        worker, settled, date(2026, 1, 12), "V2", "N1", _foster("U1", "TS24 0HL", urn="SC666672")
    )
    care.record_change(
        actor=worker,
        period=period,
        on=date(2026, 3, 25),
        placement=_foster("U4", "TS25 4HY", urn="SC666673"),
        reason_for_change="CARPL",
    )

    findings = [
        f for f in validate(build(YEAR, person_ids=[new.pk, settled.pk]), YEAR) if f.rule_code == "210"
    ]

    severity = {f.source.person_id: f.severity for f in findings if f.source}
    assert severity == {new.pk: Severity.QUERY, settled.pk: Severity.ERROR}
    assert all("newly looked after" in f.message for f in findings if f.severity == Severity.QUERY)


def test_a_social_worker_leaving_in_the_last_days_of_the_year_is_a_query(cohort):
    """B's worker left on 28 March and the next is allocated after 31 March: SW11bSTG2 sees
    no episode after it in this year's file. The handover is in next year's: a query."""
    from datetime import date

    from accounts.models import User
    from workforce import services as workforce
    from workforce.models import Allocation, AllocationReason

    b = cohort.children["B"]
    allocation = Allocation.objects.get(person=b, end_date__isnull=True, role="SOCIAL_WORKER")
    workforce.end_allocation(
        actor=User.objects.get(username="cic.manager"),
        allocation=allocation,
        end_date=date(2026, 3, 28),
        reason=AllocationReason.LEFTRL,
    )

    raised = [f for f in validate(build(YEAR, person_ids=[b.pk]), YEAR) if f.rule_code == "SW11bSTG2"]

    assert raised and {f.severity for f in raised} == {Severity.QUERY}
    assert {f.source.person_id for f in raised if f.source} == {b.pk}
