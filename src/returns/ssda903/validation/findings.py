"""What Harbour makes of the SSDA903 rules' outcomes: each failing row traced to its
`Source`, findings that are faults of the rules or of their two-year view turned into
queries, and the rules that could not run reported as gaps, never hidden."""

from __future__ import annotations

from datetime import date
from typing import Any

from care_leavers import eligibility
from people import upn

from ...base import Finding, ReturnOutput, Severity, Source
from .. import codes as c
from .rules import PROVIDER_LIST_RULES, XML_ONLY_RULES, RunResult, registry
from .tables import care_histories

NAME = "ssda903"


def source_of(
    table_name: str,
    index: object,
    output: ReturnOutput,
    last_sources: dict[str, list[Source]],
    data: dict[str, Any],
    children: dict[str, int | None],
) -> Source | None:
    name = table_name.removesuffix("_last")
    try:
        position = int(index)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    if table_name.endswith("_last"):
        sources = last_sources.get(name)
        if sources is not None and 0 <= position < len(sources):
            return sources[position]
        frame_ = data.get(table_name)
        if frame_ is not None and position in frame_.index and "CHILD" in frame_.columns:
            return Source(children.get(str(frame_.at[position, "CHILD"]).upper()))
        return None
    table = output.tables.get(name)
    if table is not None and 0 <= position < len(table.sources):
        return table.sources[position]
    return None


def known_faults(findings: list[Finding], output: ReturnOutput, year: int) -> list[Finding]:
    """Findings that are faults of the package's rules, not of the data, become queries:

    * SW11bSTG2 flags a change of social worker in the last 5 days before 31 March even when
      the next worker's episode follows (RETURNS.md, known faults).
    * 624 ("date of birth of the first child contradicts last year's") treats a blank as a
      contradiction; a care leaver not looked after this year must have MOTHER and MC_DOB
      blank (rule 628), so a young mother in care last year would always fail it.
    * 146 (placement type not valid) on K3: the 2024/25 rule set lists the code as "k3", in
      lower case, so it rejects supported accommodation written as the guide gives it.
    * 187 on the AD1 row of a child adopted on 31 March itself: the rules count that child as
      looked after continuously at 31 March (so in OC2) and as adopted in the year (so in
      AD1), then flag the two together: whatever is recorded, one rule fails.
    * 210 ("looked after for more than a week at 31 March ... should not have UN4") checks for
      an episode that began on or after 24 March, so it flags the newly looked after child
      UN4 is for (`people.upn`). It stays an error only for a child looked after without a
      break since before 24 March (a move in the last week of March, say).
    """
    sw = output.tables.get("SWEpisodes")
    sw_rows = {src: row for row, src in zip(sw.rows, sw.sources, strict=True)} if sw else {}
    sw_starts = {(str(row[0]), str(row[3])) for row in sw.rows} if sw else set()
    header = output.tables.get("Header")
    header_rows = {src: row for row, src in zip(header.rows, header.sources, strict=True)} if header else {}
    episodes = output.tables.get("Episodes")
    place = c.TABLE_COLUMNS["Episodes"].index("PLACE")
    places = (
        {src: str(row[place]) for row, src in zip(episodes.rows, episodes.sources, strict=True)}
        if episodes
        else {}
    )
    dec = c.TABLE_COLUMNS["Episodes"].index("DEC")
    ended_31_march = (
        {
            src.person_id
            for row, src in zip(episodes.rows, episodes.sources, strict=True)
            if str(row[dec])[:5] == "31/03"
        }
        if episodes
        else set()
    )
    ad1 = output.tables.get("AD1")
    ad1_sources = set(ad1.sources) if ad1 else set()
    newly = _newly_looked_after_at_year_end(output, year)
    out: list[Finding] = []
    for f in findings:
        note = ""
        if f.rule_code == "SW11bSTG2" and f.source in sw_rows:
            row = sw_rows[f.source]
            if row[4] and (str(row[0]), str(row[4])) in sw_starts:
                note = "The next social worker's episode starts that day: a known fault of the rule."
        elif f.rule_code == "624" and f.source in header_rows and not header_rows[f.source][6]:
            note = "No date is reported this year (a care leaver not looked after in the year, rule 628)."
        elif f.rule_code == "146" and places.get(f.source) == "K3":  # type: ignore[arg-type]
            note = "K3 is a valid code; this year's rule set lists it as 'k3': a known fault of the rule."
        elif f.rule_code == "187" and f.source in ad1_sources and f.source.person_id in ended_31_march:
            note = "Adopted on 31 March: the rules count the child in both OC2 and AD1, a known fault of the rule."
        elif f.rule_code == "210" and f.source and f.source.person_id in newly:
            note = (
                "The child was newly looked after (for a week or less at 31 March), which UN4 is for: "
                "a known fault of the rule. Check the virtual school has asked for the UPN."
            )
        if note:
            f = Finding(f.return_name, f.rule_code, f"{f.message} {note}", Severity.QUERY, f.source, f.fields)
        out.append(f)
    return out


def _newly_looked_after_at_year_end(output: ReturnOutput, year: int) -> set[int | None]:
    """The children the year's episodes show not looked after for more than a week at
    31 March: not looked after that day, or looked after without a break for a week or less
    (an episode that begins the day the one before it ends continues the same time in care)."""
    episodes = output.tables.get("Episodes")
    if not episodes:
        return set()
    columns = c.TABLE_COLUMNS["Episodes"]
    decom, dec = columns.index("DECOM"), columns.index("DEC")
    spells: dict[int | None, list[tuple[date, date | None]]] = {}
    for row, src in zip(episodes.rows, episodes.sources, strict=True):
        begun = _day(row[decom])
        if begun is not None:
            spells.setdefault(src.person_id, []).append((begun, _day(row[dec])))
    year_end = date(year, 3, 31)
    newly: set[int | None] = set()
    for person, found in spells.items():
        since, last_end = None, None
        for begun, ended in sorted(found, key=lambda spell: spell[0]):
            if since is None or last_end != begun:
                since = begun
            last_end = ended
            if begun <= year_end and (ended is None or ended >= year_end):
                if upn.newly_looked_after(since, year_end):
                    newly.add(person)
                break
        else:
            newly.add(person)  # not looked after on 31 March
    return newly


def _day(value: object) -> date | None:
    """A return's dd/mm/yyyy date, or None."""
    try:
        day, month, year = (int(part) for part in str(value).split("/"))
        return date(year, month, day)
    except ValueError:
        return None


# Rules that look for a care leaver's time in care only in this year's and last year's
# episodes ("This tool can only test the current and previous year"): Harbour holds the
# whole history, so a finding is kept as an error only when that history agrees.
TWO_YEAR_RULES = frozenset({"1001", "1002"})


def with_history(findings: list[Finding], year: int) -> list[Finding]:
    """Findings of the two-year care leaver rules become queries when the young person's
    full care history in Harbour makes them a relevant or former relevant child and part of
    it is in neither this year's nor last year's files: an episode that ended before last
    year began (the first episodes of a period that went on into last year are enough)."""
    flagged = {
        f.source.person_id
        for f in findings
        if f.rule_code in TWO_YEAR_RULES and f.source and f.source.person_id is not None
    }
    if not flagged:
        return findings
    confirmed = {
        pk
        for pk, history in care_histories(flagged, year).items()
        if history.date_of_birth
        and history.periods
        and history.before_last_year
        and eligibility.compute_eligibility(history.date_of_birth, list(history.periods), date(year, 3, 31))
        != eligibility.NONE
    }
    out: list[Finding] = []
    for f in findings:
        if f.rule_code in TWO_YEAR_RULES and f.source and f.source.person_id in confirmed:
            f = Finding(
                f.return_name,
                f.rule_code,
                f"{f.message} Harbour's care history shows this young person was looked after before "
                "last year, so the DfE's check of the full history should pass.",
                Severity.QUERY,
                f.source,
                f.fields,
            )
        out.append(f)
    return out


def gap_findings(result: RunResult, year: int) -> list[Finding]:
    found: list[Finding] = []
    rules = registry(year)
    for code in sorted(set(result.crashed)):
        found.append(
            Finding(
                NAME,
                code,
                f"This rule could not run: the validator fails on it ({rules[code].message or ''}).",
                Severity.GAP,
                None,
            )
        )
    for code in sorted(set(result.skipped) & PROVIDER_LIST_RULES):
        found.append(
            Finding(
                NAME,
                code,
                "Not checked: the rule needs the Ofsted children's homes and social care providers lists, "
                f"which Harbour does not hold ({rules[code].message or ''}).",
                Severity.GAP,
                None,
            )
        )
    for code in sorted(set(result.skipped) - PROVIDER_LIST_RULES - XML_ONLY_RULES):
        found.append(
            Finding(NAME, code, f"Not checked: the rule found none of the data it needs ({rules[code].message or ''}).",
                    Severity.GAP, None)
        )  # fmt: skip
    return found


def summary(findings: list[Finding]) -> dict[tuple[str, str], int]:
    """Counts of findings per (severity, rule)."""
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (str(f.severity), f.rule_code)
        counts[key] = counts.get(key, 0) + 1
    return counts
