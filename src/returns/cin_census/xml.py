"""Write the CIN census XML (the DfE structure and element order) from the built tables.

The file is written from the same rows that are validated, so what is submitted is what was
checked. Absent items (None) are left out, as the schema's optional elements are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from lxml import etree

from ..base import Table

CHILD_IDENTIFIERS = (
    "LAchildID",
    "UPN",
    "FormerUPN",
    "UPNunknown",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
)
CIN_DETAILS_HEAD = (
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
)
ASSESSMENT = ("AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate")
CIN_PLAN = ("CINPlanStartDate", "CINPlanEndDate")
SECTION47 = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
CP_PLAN = (
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
)

Row = Sequence[Any]
SubElement = etree.SubElement


class _Rows:
    """A table's rows grouped by their leading key columns, read by column name."""

    def __init__(self, table: Table, keys: int) -> None:
        self.index = {name: i for i, name in enumerate(table.columns)}
        self.groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
        for row in table.rows:
            self.groups[tuple(row[:keys])].append(row)

    def get(self, key: tuple[Any, ...]) -> list[Row]:
        return self.groups.get(key, [])

    def items(self, parent: etree._Element, row: Row, names: tuple[str, ...]) -> None:
        for name in names:
            value = row[self.index[name]]
            if value is not None:
                SubElement(parent, name).text = str(value)


def _listing(
    element: etree._Element,
    key: tuple[Any, ...],
    rows: _Rows,
    tag: str,
    names: tuple[str, ...],
    id_name: str,
    parts: _Rows,
    tags: tuple[str, str],
) -> None:
    """The episode's blocks of `rows` (`tag`, with the items `names`), each followed by the
    list of its `parts` (keyed by the episode and the block's `id_name`), where it has any:
    `tags` are the list's and each of its entries' (the entry is the part's last value)."""
    for row in rows.get(key):
        block = SubElement(element, tag)
        rows.items(block, row, names)
        found = parts.get((*key, row[rows.index[id_name]]))
        if found:
            listed = SubElement(block, tags[0])
            for part in found:
                SubElement(listed, tags[1]).text = part[-1]


def _episode(element: etree._Element, key: tuple[Any, ...], detail: Row, g: dict[str, _Rows]) -> None:
    """One CINdetails block: its items, then its groups, in the schema's order."""
    g["details"].items(element, detail, CIN_DETAILS_HEAD)
    _listing(
        element,
        key,
        g["assessments"],
        "Assessments",
        ASSESSMENT,
        "AssessmentID",
        g["factors"],
        ("FactorsIdentifiedAtAssessment", "AssessmentFactors"),
    )
    for plan in g["cin_plans"].get(key):
        g["cin_plans"].items(SubElement(element, "CINPlanDates"), plan, CIN_PLAN)
    for s47 in g["section47"].get(key):
        g["section47"].items(SubElement(element, "Section47"), s47, SECTION47)
    g["details"].items(element, detail, ("ReferralNFA",))
    _listing(
        element,
        key,
        g["cp_plans"],
        "ChildProtectionPlans",
        CP_PLAN,
        "CPPID",
        g["reviews"],
        ("Reviews", "CPPreviewDate"),
    )


def write_xml(tables: dict[str, Table], *, use_sex: bool = True) -> bytes:
    """The return as the DfE's XML message (no namespace), UTF-8, indented."""
    header = _Rows(tables["Header"], 0)
    idents = _Rows(tables["ChildIdentifiers"], 1)
    characteristics = _Rows(tables["ChildCharacteristics"], 1)
    disabilities = _Rows(tables["Disabilities"], 1)
    g = {
        "details": _Rows(tables["CINdetails"], 1),
        "assessments": _Rows(tables["Assessments"], 2),
        "factors": _Rows(tables["AssessmentFactorsList"], 3),
        "cin_plans": _Rows(tables["CINplanDates"], 2),
        "section47": _Rows(tables["Section47"], 2),
        "cp_plans": _Rows(tables["ChildProtectionPlans"], 2),
        "reviews": _Rows(tables["Reviews"], 3),
    }
    details_id = g["details"].index["CINdetailsID"]

    message = etree.Element("Message")
    head = SubElement(message, "Header")
    head_row = tables["Header"].rows[0]
    header.items(SubElement(head, "CollectionDetails"), head_row, ("Collection", "Year", "ReferenceDate"))
    header.items(
        SubElement(head, "Source"),
        head_row,
        ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"),
    )
    identifiers = (*CHILD_IDENTIFIERS, "Sex" if use_sex else "GenderCurrent", "PersonDeathDate")
    children = SubElement(message, "Children")
    for ident in tables["ChildIdentifiers"].rows:
        child_id = ident[0]
        child = SubElement(children, "Child")
        idents.items(SubElement(child, "ChildIdentifiers"), ident, identifiers)
        chars = SubElement(child, "ChildCharacteristics")
        for row in characteristics.get((child_id,)):
            characteristics.items(chars, row, ("Ethnicity",))
        codes = disabilities.get((child_id,))
        if codes:
            block = SubElement(chars, "Disabilities")
            for d in codes:
                SubElement(block, "Disability").text = d[-1]
        for detail in g["details"].get((child_id,)):
            _episode(SubElement(child, "CINdetails"), (child_id, detail[details_id]), detail, g)
    return bytes(etree.tostring(message, xml_declaration=True, encoding="utf-8", pretty_print=True))
