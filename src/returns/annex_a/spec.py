"""The Annex A workbook layout: one sheet per list, named "List 1" … "List 11", the column
titles on the first row and one row per record below it, in the column order of Ofsted's
template. The titles are the canonical ones the sector's Annex A tools match on (liiatools'
`annex-a-merge.yml`, checked against its sample Annex A workbook)."""

from __future__ import annotations

from ..base import Gap

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
TEAM_WORKER = ["Allocated Team", "Allocated Worker"]

COLUMNS: dict[str, list[str]] = {
    "List 1": [*COMMON, "Date of Contact", "Contact Source"],
    "List 2": [
        *COMMON,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    "List 3": [
        *COMMON,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *TEAM_WORKER,
    ],
    "List 4": [
        *COMMON,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *TEAM_WORKER,
    ],
    "List 5": [
        *COMMON,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *TEAM_WORKER,
    ],
    "List 6": [
        *COMMON,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *TEAM_WORKER,
    ],
    "List 7": [
        *COMMON,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *TEAM_WORKER,
    ],
    "List 8": [
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        *TEAM_WORKER,
    ],
    "List 9": [
        *COMMON,
        DISABILITY,
        *TEAM_WORKER,
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    "List 10": [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        DISABILITY,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    "List 11": [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}

TITLES = {
    "List 1": "Contacts",
    "List 2": "Early help assessments",
    "List 3": "Referrals",
    "List 4": "Assessments",
    "List 5": "Section 47 enquiries and initial child protection conferences",
    "List 6": "Children in need",
    "List 7": "Child protection",
    "List 8": "Children in care",
    "List 9": "Care leavers",
    "List 10": "Adoption",
    "List 11": "Adopters",
}


def _gap(item: str, explanation: str) -> Gap:
    return Gap(return_name="annex_a", item=item, explanation=explanation)


# What Annex A asks for that Harbour does not record: the columns stay, their cells are empty.
GAPS: list[Gap] = [
    _gap(
        "List 8: What is the permanence plan for this child?",
        "Harbour records the date a child's permanence plan was completed, not which plan it is "
        "(return to family, adoption, SGO/CAO, long-term fostering …). The column is left empty.",
    ),
    _gap(
        "List 8: Date of Last IRO Visit / Contact to the Child",
        "Harbour records whether the IRO met the child before each review, not the date of IRO "
        "visits or contacts. The column is left empty.",
    ),
    _gap(
        "List 8: LA of Placement",
        "Harbour records whether a placement is inside the authority's area but not which authority "
        "an out-of-area placement is in. In-area placements get this authority's name; out-of-area "
        "placements are left empty.",
    ),
    _gap(
        "List 7: Protected under police powers in the last six months",
        "Police protection and emergency protection orders are known to Harbour only as legal statuses "
        "of a looked-after child (L1, L2). Police protection without local authority accommodation is "
        "not recorded, so this column can say No for such a child.",
    ),
    _gap(
        "List 10: Family identifier",
        "Harbour has no record of adoptive families, so there is no identifier to link a child to "
        "their adopters. The column is left empty.",
    ),
    _gap(
        "List 11: Adopters",
        "Harbour does not record prospective adopters or the adoption agency's approval process "
        "(enquiries, stages 1 and 2, approval). List 11 is written with its column titles and no rows.",
    ),
]
