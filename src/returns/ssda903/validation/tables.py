"""What the SSDA903 rules read: this year's and last year's tables as DataFrames shaped
exactly as the package's own CSV reader shapes them (every value a string, upper-cased,
blanks missing), enriched with the postcode-derived columns, and the care history Harbour
holds beyond the two years in the files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from looked_after.models import CareEpisode, PeriodOfCare
from people.models import Person

from ...base import ReturnOutput, Source, Table, ValidationInput
from .. import codes as c
from ..build import build
from .postcodes import enrich

# Up to this many children, last year is built only for the children in this year's return.
PARTIAL_PREVIOUS_LIMIT = 500


def la_gss_code() -> str:
    """The authority's GSS code, which the rules use to tell in-area from out-of-area."""
    return str(settings.HARBOUR_AUTHORITY.get("gss_code", ""))


def frame(table: Table) -> Any:
    """A table as the package's CSV reader would load it."""
    import numpy as np
    import pandas as pd

    rows = [[np.nan if v is None or v == "" else str(v).upper() for v in row] for row in table.rows]
    return pd.DataFrame(rows, columns=table.columns, dtype=object)


def frames_from_output(output: ReturnOutput) -> dict[str, Any]:
    return {name: frame(table) for name, table in output.tables.items()}


def frames_from_directory(directory: Path) -> dict[str, Any]:
    """Last year's files, read with the package's own CSV reader (recognised by header)."""
    from lac_validator.ingress import read_csvs_from_text

    files = [
        {"name": p.name, "file_content": p.read_bytes(), "description": "This year"}
        for p in sorted(Path(directory).glob("*.csv"))
        if p.stat().st_size and len(p.read_bytes().splitlines()) > 0
    ]
    if not files:
        raise FileNotFoundError(f"No SSDA903 CSV files in {directory}")
    return dict(read_csvs_from_text(files))


OLD_SEX_CODES = {"1": "M", "2": "F"}  # before 2024/25 (rule 101)


def _same_sex_codes(last: dict[str, Any], year: int) -> None:
    """Last year's SEX in this year's codes: 2023/24 files have 1/2, 2024/25 M/F/U, so
    rule 202 (sex differs from last year's) would otherwise flag every child in both."""
    if c.sex_code("M", year) != "M" or c.sex_code("M", year - 1) == "M":
        return
    for df in last.values():
        if "SEX" in df.columns:
            df["SEX"] = df["SEX"].map(lambda v: OLD_SEX_CODES.get(str(v), v))


def _add_uasc_flag(frames: dict[str, Any]) -> None:
    header, uasc = frames.get("Header"), frames.get("UASC")
    if header is None:
        return
    children = set(uasc["CHILD"].dropna()) if uasc is not None else set()
    header["UASC"] = header["CHILD"].map(lambda x: "1" if x in children else "0")


def datastore(
    output: ReturnOutput,
    year: int,
    previous: ReturnOutput | Path | str | None,
    *,
    local_authority: str | None = None,
) -> tuple[dict[str, Any], dict[str, list[Source]]]:
    """The rules' input: this year's and last year's tables, enriched, and the metadata
    (`local_authority`: the authority's GSS code, by default from the settings)."""
    import pandas as pd

    current = frames_from_output(output)
    for name in c.tables_for(year):  # every table present, even empty, so no rule skips for want of one
        if name not in current:
            current[name] = pd.DataFrame(columns=c.TABLE_COLUMNS[name], dtype=object)
    _add_uasc_flag(current)
    last_sources: dict[str, list[Source]] = {}
    last: dict[str, Any] = {}
    if isinstance(previous, ReturnOutput):
        last = frames_from_output(previous)
        last_sources = {name: t.sources for name, t in previous.tables.items()}
    elif previous is not None:
        last = frames_from_directory(Path(previous))
    _same_sex_codes(last, year)
    _add_uasc_flag(last)
    gss = la_gss_code() if local_authority is None else local_authority
    data: dict[str, Any] = dict(current)
    data.update({f"{name}_last": df for name, df in last.items()})
    for name in ("Episodes", "Episodes_last"):
        if name in data:
            data[name] = enrich(data[name], gss)
    data["metadata"] = {
        "collectionYear": str(year),
        "localAuthority": gss,
        "collection_start": f"01/04/{year - 1}",
        "collection_end": f"31/03/{year}",
        "file_format": "csv",
    }
    return data, last_sources


def children_by_id(output: ReturnOutput) -> dict[str, int | None]:
    header = output.tables.get("Header")
    if header is None:
        return {}
    return {str(row[0]).upper(): src.person_id for row, src in zip(header.rows, header.sources, strict=True)}


def validation_input(output: ReturnOutput, year: int) -> ValidationInput:
    """What the rules read: this year's tables and last year's (built from Harbour's history,
    for the children in this return), named as the rules name them ("Episodes_last")."""
    previous = build(year - 1, person_ids=cross_year_children(output))
    tables = dict(output.tables)
    tables.update({f"{name}_last": table for name, table in previous.tables.items()})
    tables[CARE_HISTORY] = _care_history(output, year)
    return ValidationInput(tables=tables, options={"previous": previous})


# The table of the care history before last year, which `with_history` reads.
CARE_HISTORY = "care history"


@dataclass(frozen=True)
class CareHistory:
    """A child's care history as Harbour holds it, beyond the two years in the files."""

    date_of_birth: date | None
    periods: tuple[tuple[date, date | None], ...]  # periods of care: start, end
    before_last_year: bool  # an episode of care ended before last year's return began


def care_histories(ids: set[int], year: int) -> dict[int, CareHistory]:
    """The care history of each of these children (read for everyone when they are many)."""
    periods_of_care = PeriodOfCare.objects.order_by("person_id", "start_date", "pk")
    episodes = CareEpisode.objects.filter(end_date__lt=date(year - 2, 4, 1))
    people = Person.objects.order_by("pk")
    if len(ids) <= PARTIAL_PREVIOUS_LIMIT:  # more: read everyone, one query each
        periods_of_care = periods_of_care.filter(person_id__in=ids)
        episodes = episodes.filter(person_id__in=ids)
        people = people.filter(pk__in=ids)
    periods: dict[int, list[tuple[date, date | None]]] = {}
    for pk, start, end in periods_of_care.values_list("person_id", "start_date", "end_date"):
        periods.setdefault(pk, []).append((start, end))
    seen_before = set(episodes.values_list("person_id", flat=True))
    return {
        pk: CareHistory(dob, tuple(periods.get(pk, ())), pk in seen_before)
        for pk, dob in people.values_list("pk", "date_of_birth").iterator(chunk_size=5000)
        if pk in ids
    }


def _care_history(output: ReturnOutput, year: int) -> Table:
    """What `with_history` reads of the children in the return, as a table."""
    ids = {pk for pk in children_by_id(output).values() if pk is not None}
    table = Table(CARE_HISTORY, ["person", "date_of_birth", "periods", "before_last_year"])
    for pk, history in sorted(care_histories(ids, year).items()):
        table.add([pk, str(history.date_of_birth), history.periods, history.before_last_year], Source(pk))
    return table


def cross_year_children(output: ReturnOutput) -> list[int] | None:
    """The children whose last-year rows the cross-year rules read: those in this return.
    A large return builds last year whole (one query per table either way)."""
    header = output.tables.get("Header")
    if header is None:
        return None
    ids = {s.person_id for s in header.sources if s.person_id is not None}
    return sorted(ids) if len(ids) <= PARTIAL_PREVIOUS_LIMIT else None
