"""Write the CIN census XML (the DfE structure and element order) from the built tables.

The file is written from the same rows that are validated, so what is submitted is what was
checked. Absent items (None) are left out, as the schema's optional elements are.
"""

from __future__ import annotations

from collections import defaultdict
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


def _records(table: Table) -> list[dict[str, Any]]:
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def _items(parent: etree._Element, record: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        value = record.get(name)
        if value is not None:
            etree.SubElement(parent, name).text = str(value)


def _group(table: Table, *keys: str) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for record in _records(table):
        grouped[tuple(record[k] for k in keys)].append(record)
    return grouped


def _episode(
    element: etree._Element, key: tuple[Any, ...], detail: dict[str, Any], g: dict[str, Any]
) -> None:
    """One CINdetails block: its items, then its groups, in the schema's order."""
    _items(element, detail, CIN_DETAILS_HEAD)
    for a in g["assessments"].get(key, []):
        block = etree.SubElement(element, "Assessments")
        _items(block, a, ASSESSMENT)
        codes = g["factors"].get((*key, a["AssessmentID"]), [])
        if codes:
            listed = etree.SubElement(block, "FactorsIdentifiedAtAssessment")
            for f in codes:
                etree.SubElement(listed, "AssessmentFactors").text = f["AssessmentFactor"]
    for plan in g["cin_plans"].get(key, []):
        _items(etree.SubElement(element, "CINPlanDates"), plan, CIN_PLAN)
    for s47 in g["section47"].get(key, []):
        _items(etree.SubElement(element, "Section47"), s47, SECTION47)
    _items(element, detail, ("ReferralNFA",))
    for plan in g["cp_plans"].get(key, []):
        block = etree.SubElement(element, "ChildProtectionPlans")
        _items(block, plan, CP_PLAN)
        dates = g["reviews"].get((*key, plan["CPPID"]), [])
        if dates:
            listed = etree.SubElement(block, "Reviews")
            for r in dates:
                etree.SubElement(listed, "CPPreviewDate").text = r["CPPreviewDate"]


def write_xml(tables: dict[str, Table], *, use_sex: bool = True) -> bytes:
    """The return as the DfE's XML message (no namespace), UTF-8, indented."""
    header = _records(tables["Header"])[0]
    characteristics = {r["LAchildID"]: r for r in _records(tables["ChildCharacteristics"])}
    disabilities = _group(tables["Disabilities"], "LAchildID")
    details = _group(tables["CINdetails"], "LAchildID")
    groups = {
        "assessments": _group(tables["Assessments"], "LAchildID", "CINdetailsID"),
        "factors": _group(tables["AssessmentFactorsList"], "LAchildID", "CINdetailsID", "AssessmentID"),
        "cin_plans": _group(tables["CINplanDates"], "LAchildID", "CINdetailsID"),
        "section47": _group(tables["Section47"], "LAchildID", "CINdetailsID"),
        "cp_plans": _group(tables["ChildProtectionPlans"], "LAchildID", "CINdetailsID"),
        "reviews": _group(tables["Reviews"], "LAchildID", "CINdetailsID", "CPPID"),
    }

    message = etree.Element("Message")
    head = etree.SubElement(message, "Header")
    _items(etree.SubElement(head, "CollectionDetails"), header, ("Collection", "Year", "ReferenceDate"))
    _items(
        etree.SubElement(head, "Source"),
        header,
        ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"),
    )
    children = etree.SubElement(message, "Children")
    for ident in _records(tables["ChildIdentifiers"]):
        child_id = ident["LAchildID"]
        child = etree.SubElement(children, "Child")
        ids = etree.SubElement(child, "ChildIdentifiers")
        _items(ids, ident, (*CHILD_IDENTIFIERS, "Sex" if use_sex else "GenderCurrent", "PersonDeathDate"))
        chars = etree.SubElement(child, "ChildCharacteristics")
        _items(chars, characteristics[child_id], ("Ethnicity",))
        if disabilities.get((child_id,)):
            block = etree.SubElement(chars, "Disabilities")
            for d in disabilities[(child_id,)]:
                etree.SubElement(block, "Disability").text = d["Disability"]
        for detail in details.get((child_id,), []):
            key = (child_id, detail["CINdetailsID"])
            _episode(etree.SubElement(child, "CINdetails"), key, detail, groups)
    return bytes(etree.tostring(message, xml_declaration=True, encoding="utf-8", pretty_print=True))
