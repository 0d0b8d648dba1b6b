"""Tables as CSV and Excel downloads. A cell that a spreadsheet would read as a formula
(beginning = + - @, or a tab or carriage return) is written with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cells(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    return [[neutralise("" if v is None else v) for v in row] for row in rows]


def csv_response(filename: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows(_cells([[str(v) if v is not None else "" for v in row] for row in rows]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = filename[:31]
    sheet.append([str(neutralise(h)) for h in header])
    for row in _cells(
        [[v if isinstance(v, int | float) else ("" if v is None else str(v)) for v in row] for row in rows]
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
