"""The chronology: every significant event in a child's life that Harbour holds, in order.

Plug-in point: any installed app may provide `<app>/chronology.py` declaring

    SOURCES = (Source("cin.CINPlan", (Event(kind=Kind.PLAN, on="start_date", title=..., summary=...),
                                      Event.once(on="end_date", suffix=":ended", ...))), ...)

one `Source` per model it reports, each declaring the `Event`s a row yields (`sources`). From
these declarations the chronology builds every event (`collect`: the chronology page and the
court export), only the events with chosen keys (`find`, `latest_significant`: the child's
page) and counts them in one query (`count`), each without one query per child (ADR 0022).
It drops an event whose key was already reported, hides restricted events from users who may
not see them, applies the workers' curation (`ChronologyAnnotation`) and sorts by date. See
docs/workflows/chronology.md.

Casework's own records are this package's `SOURCES`; the person record's and the allocations'
are casework's too (`casework.providers`), as their apps sit below casework.
"""

from ..providers.casework import SOURCES
from .events import KIND_LABELS, KINDS, ChronologyEvent, Kind, source_label
from .reading import Filters, collect, count, find, latest_significant, may_see, sources
from .sources import ChronologyModule, Event, Source

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "SOURCES",
    "ChronologyEvent",
    "ChronologyModule",
    "Event",
    "Filters",
    "Kind",
    "Source",
    "collect",
    "count",
    "find",
    "latest_significant",
    "may_see",
    "source_label",
    "sources",
]
