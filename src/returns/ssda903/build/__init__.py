"""Build the SSDA903 return for a collection year from what workers recorded.

Set-based: one query per recorded object type for the whole cohort (never one per child), so
the build time grows with the rows in the year, not with the number of queries. Each row
carries its `Source`: the child and the recorded object a worker edits to change it.

Who is in the return (DfE SSDA903 guide, RETURNS.md §A):

* **Episodes**: every episode open at any time in the year (DECOM on or before 31 March and
  DEC, if any, on or after 1 April). A DEC after 31 March is not yet known at year end and is
  left blank, with its REC.
* **Header**: every child with an episode in the year, and every care leaver with an OC3
  status for a 17th–21st birthday in the year.
* **Reviews**: statutory reviews held in the year. **Missing**: episodes that started in the
  year or were open at its start. **PrevPerm**: recorded for children in the episodes table.
* **OC2**: children looked after continuously throughout the year (started on or before
  1 April, still looked after on 31 March, care ending on 31 March included, as the DfE's
  rules 187 and 191 count it; not only short breaks), from the health
  assessments of the year (of the last 12 months, while the year is still in progress).
* **AD1**: children whose care ended by adoption (REC E11/E12) in the year.
* **PlacedAdoption**: "should be placed for adoption" decisions on or before 31 March not
  reversed before 1 April, for children in the episodes table.
* **SWEpisodes** (from 2023/24): social-worker allocations overlapping the year while looked
  after, for children with an episode not on short breaks.
* **UASC**: children in the episodes table recorded as unaccompanied asylum-seeking children.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from ...base import Progress, ReturnOutput, Table, no_progress
from .. import codes as c
from .adoption import adoption, prev_perm
from .children import header, oc3, uasc
from .episodes import episodes
from .health import oc2
from .in_care import dolo, missing, reviews, sw_episodes
from .year import YearBuild

NAME = "ssda903"

# The tables in the order they are built: the episodes first (they decide who is in the
# return), the care leavers before the header (which lists them too).
STEPS: list[tuple[str, Callable[[YearBuild], None]]] = [
    ("episodes", episodes),
    ("care leavers", oc3),
    ("header", header),
    ("reviews", reviews),
    ("uasc", uasc),
    ("health", oc2),
    ("adoption", adoption),
    ("previous permanence", prev_perm),
    ("missing", missing),
    ("social workers", sw_episodes),
    ("deprivation of liberty", dolo),
]


def build(
    year: int, *, person_ids: Iterable[int] | None = None, progress: Progress | None = None
) -> ReturnOutput:
    """The SSDA903 return for the collection year ending 31 March `year`."""
    report = progress or no_progress
    state = YearBuild(year, None if person_ids is None else set(person_ids))
    for done, (stage, step) in enumerate(STEPS):
        report(done, len(STEPS), stage)
        step(state)
    report(len(STEPS), len(STEPS), "done")
    files = {c.FILE_NAMES[name]: to_csv(table) for name, table in state.tables.items()}
    return ReturnOutput(name=NAME, tables=state.tables, files=files, gaps=state.gaps)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")
