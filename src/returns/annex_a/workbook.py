"""Write the Annex A tables as one workbook in Ofsted's layout: a sheet per list named
"List 1" … "List 11", the column titles on row 1, dates as Excel dates shown dd/mm/yyyy."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..base import Table

DATE_FORMAT = "DD/MM/YYYY"


def _row(sheet: Worksheet, values: Iterable[object]) -> list[object]:
    cells: list[object] = []
    for value in values:
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def write_workbook(tables: Iterable[Table]) -> bytes:
    """The workbook's bytes (openpyxl in write-only mode: rows stream straight to the file)."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(title=table.name)
        header = []
        for title in table.columns:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append(_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
