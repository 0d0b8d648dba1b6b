"""Annex A built from a small cohort and read back from the workbook, against rows checked
by hand (fixtures/annex_a/expected.json; the cohort is described in annex_a_cohort.py)."""

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from returns import annex_a
from returns.annex_a.spec import COLUMNS
from returns.base import ReturnOutput

from .annex_a_cohort import AS_OF, LA_NAME, build_cohort

EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "annex_a" / "expected.json").read_text())


@pytest.fixture
def cohort(make_user):
    return build_cohort(make_user)


@pytest.fixture
def built(cohort) -> ReturnOutput:
    with override_settings(HARBOUR_AUTHORITY={"name": LA_NAME, "la_code": "999"}):
        return annex_a.build(AS_OF)


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value


def _expected_rows(name: str, cohort: dict) -> list[list[object]]:
    ids = {key: person.la_child_id for key, person in cohort.items() if key != "staff"}
    return [
        [cell.format(**ids) if isinstance(cell, str) and cell.startswith("{") else cell for cell in row]
        for row in EXPECTED["lists"][name]["rows"]
    ]


def test_the_workbook_has_ofsteds_sheets_titles_and_the_hand_checked_rows(cohort, built):
    assert EXPECTED["as_of"] == AS_OF.isoformat()
    assert list(built.files) == ["annex_a_2026-06-30.xlsx"]
    book = load_workbook(io.BytesIO(built.files["annex_a_2026-06-30.xlsx"]))
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    for name in book.sheetnames:
        sheet = book[name]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert rows[0] == EXPECTED["lists"][name]["columns"], name
        assert rows[1:] == _expected_rows(name, cohort), name


def test_dates_are_excel_dates_shown_day_month_year(built):
    book = load_workbook(io.BytesIO(built.files["annex_a_2026-06-30.xlsx"]))
    cell = book["List 1"]["F2"]
    assert cell.value == datetime(2025, 12, 30)
    assert cell.number_format == "DD/MM/YYYY"


def test_every_row_names_the_child_and_the_record_it_came_from(cohort, built):
    ava, cara = cohort["ava"], cohort["cara"]
    assert {s.model for s in built.tables["List 1"].sources} == {"frontdoor.contactchild"}
    assert {s.person_id for s in built.tables["List 1"].sources} == {ava.pk}
    models = {name: {s.model for s in t.sources} for name, t in built.tables.items() if t.rows}
    assert models == {
        "List 1": {"frontdoor.contactchild"},
        "List 2": {"early_help.earlyhelpassessment"},
        "List 3": {"frontdoor.referral"},
        "List 4": {"assessments.assessment"},
        "List 5": {"protection.s47enquiry"},
        "List 6": {"frontdoor.referral"},
        "List 7": {"protection.cpplan"},
        "List 8": {"looked_after.periodofcare"},
        "List 9": {"care_leavers.careleaver"},
        "List 10": {"permanence.adoptioncase"},
    }
    source = built.tables["List 8"].sources[0]
    assert (source.person_id, source.pk) == (cara.pk, cara.periods_of_care.get().pk)
    for table in built.tables.values():
        assert len(table.sources) == len(table.rows)
        assert table.columns == COLUMNS[table.name]


def test_what_harbour_does_not_record_is_reported_not_invented(built):
    items = [gap.item for gap in built.gaps]
    assert "List 11: Adopters" in items
    assert "List 10: Family identifier" in items
    assert "List 8: What is the permanence plan for this child?" in items
    assert all(g.return_name == "annex_a" and g.explanation for g in built.gaps)
    assert built.tables["List 11"].rows == []
    permanence = COLUMNS["List 8"].index("What is the permanence plan for this child?")
    assert {row[permanence] for row in built.tables["List 8"].rows} == {None}


def test_progress_is_reported_from_start_to_finish(cohort):
    calls = []
    annex_a.build(AS_OF, progress=lambda done, total, stage: calls.append((done, total, stage)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert any("List 8" in stage for _, _, stage in calls)


def test_an_earlier_inspection_date_moves_every_window(cohort):
    """As at 31 December 2025 Ava's January referral has not happened and Evie is in care."""
    output = annex_a.build(date(2025, 12, 31))
    ava, evie = cohort["ava"].la_child_id, cohort["evie"].la_child_id
    contacts = output.tables["List 1"].rows
    assert [(r[0], r[5]) for r in contacts] == [(ava, date(2025, 12, 29)), (ava, date(2025, 12, 30))]
    assert ava not in {r[0] for r in output.tables["List 3"].rows}
    in_care = {r[0]: r for r in output.tables["List 8"].rows}
    assert in_care[evie][19] == date(2025, 9, 15)  # ceased in the six months: still listed
    assert in_care[evie][20] == "a) E11: Adopted - application unopposed"
