"""The Annex A workbook writer: a valid .xlsx that openpyxl (and so Excel and the sector's
tools) reads back cell for cell."""

import io
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook

from returns.annex_a.workbook import write_workbook
from returns.base import Table


def read(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_values_titles_and_empty_cells_read_back_in_their_columns():
    table = Table(
        name="List 1", columns=["Child Unique ID", "Date of Birth", "Age of Child (Years)", "Source"]
    )
    table.rows = [["HB1", date(2015, 3, 27), 11, "q) 6: Police"], ["HB2", None, None, "u) 10: Unknown"]]
    sheet = read(write_workbook([table]))["List 1"]
    assert [c.value for c in sheet[1]] == table.columns
    assert all(c.font.b for c in sheet[1])
    assert [c.value for c in sheet[2]] == ["HB1", datetime(2015, 3, 27), 11, "q) 6: Police"]
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert [c.value for c in sheet[3]] == ["HB2", None, None, "u) 10: Unknown"]


def test_text_is_escaped_and_characters_xml_cannot_hold_are_dropped():
    table = Table(name="List 2", columns=["Organisation completing assessment"])
    table.rows = [["Smith & Sons <Ltd>"], ["  padded  "], ["bell\x07 here"], ["St Mary's \u2019quoted\u2019"]]
    sheet = read(write_workbook([table]))["List 2"]
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == [
        "Smith & Sons <Ltd>",
        "  padded  ",
        "bell here",
        "St Mary's \u2019quoted\u2019",
    ]


def test_one_sheet_per_table_in_order_even_when_empty():
    tables = [Table(name=f"List {n}", columns=["A", "B"]) for n in range(1, 12)]
    book = read(write_workbook(tables))
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    assert [[c.value for c in row] for row in book["List 11"].iter_rows()] == [["A", "B"]]


def test_the_package_has_the_parts_excel_requires():
    parts = set(zipfile.ZipFile(io.BytesIO(write_workbook([Table(name="List 1", columns=["A"])]))).namelist())
    assert {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    } <= parts


def test_dates_use_the_1900_date_system():
    table = Table(name="List 1", columns=["Date"])
    table.rows = [[date(1900, 3, 1)], [date(2026, 6, 30)]]
    content = write_workbook([table])
    sheet = read(content)["List 1"]
    assert read(content).epoch.year == 1899  # the 1900 date system (epoch 30 Dec 1899), not 1904
    assert [sheet["A2"].value, sheet["A3"].value] == [datetime(1900, 3, 1), datetime(2026, 6, 30)]
