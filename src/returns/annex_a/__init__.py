"""Ofsted's Annex A lists 1-11, built as an Excel workbook. See returns.base.

    build(as_of, *, progress=None) -> ReturnOutput

`tables` holds one `Table` per list ("List 1" … "List 11"), every row with its `Source`;
`files` holds `annex_a_<as_of>.xlsx`; `gaps` lists what Annex A asks for that Harbour does
not record. The periods each list covers are `periods.annex_a_periods`; docs/returns/annex-a.md
describes every column's source.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..base import Progress, ReturnOutput, Table, no_progress
from . import lists_care, lists_front, lists_leaving_care, lists_need
from .context import Context
from .periods import annex_a_periods
from .spec import GAPS, TITLES
from .workbook import write_workbook

BUILDERS: dict[str, Callable[[Context], Table]] = {
    "List 1": lists_front.list_1_contacts,
    "List 2": lists_front.list_2_early_help,
    "List 3": lists_front.list_3_referrals,
    "List 4": lists_front.list_4_assessments,
    "List 5": lists_front.list_5_section_47,
    "List 6": lists_need.list_6_children_in_need,
    "List 7": lists_need.list_7_child_protection,
    "List 8": lists_care.list_8_children_in_care,
    "List 9": lists_leaving_care.list_9_care_leavers,
    "List 10": lists_leaving_care.list_10_adoption,
    "List 11": lists_leaving_care.list_11_adopters,
}


def file_name(as_of: date) -> str:
    return f"annex_a_{as_of.isoformat()}.xlsx"


def build(as_of: date, *, progress: Progress | None = None) -> ReturnOutput:
    """Annex A as at `as_of` (the inspection date), from what workers recorded. Read-only."""
    report = progress or no_progress
    total = len(BUILDERS) + 2
    report(0, total, "Loading allocations and disabilities")
    ctx = Context.load(annex_a_periods(as_of))
    tables: dict[str, Table] = {}
    for done, (name, builder) in enumerate(BUILDERS.items(), start=1):
        report(done, total, f"{name}: {TITLES[name]}")
        tables[name] = builder(ctx)
    report(total - 1, total, "Writing the workbook")
    content = write_workbook(tables.values())
    report(total, total, "Done")
    return ReturnOutput(name="annex_a", tables=tables, files={file_name(as_of): content}, gaps=list(GAPS))
