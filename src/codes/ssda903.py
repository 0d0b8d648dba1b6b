"""SSDA903 (children looked after) code lists, from the DfE SSDA903 guide as summarised in
the Standard Safeguarding Dataset. Check the current year's guide before each return."""

from .base import code_list

LEGAL_STATUS = code_list(
    "Legal status",
    "SSDA903 LS",
    ("C1", "Interim care order"),
    ("C2", "Full care order"),
    ("D1", "Freeing order granted"),
    ("E1", "Placement order granted"),
    ("V2", "Single period of accommodation under section 20"),
    ("V3", "Accommodated under an agreed series of short-term breaks, individual episodes"),
    ("V4", "Accommodated under an agreed series of short-term breaks, agreements recorded"),
    ("L1", "Under police protection and in local authority accommodation"),
    ("L2", "Emergency protection order"),
    ("L3", "Under child assessment order and in local authority accommodation"),
    ("J1", "Remanded to local authority accommodation or youth detention accommodation"),
    ("J2", "Placed in local authority accommodation under PACE"),
    ("J3", "Sentenced to a youth rehabilitation order with residence or fostering requirement"),
)

REASON_NEW_EPISODE = code_list(
    "Reason for new episode",
    "SSDA903 RNE",
    ("S", "Started to be looked after"),
    ("L", "Change of legal status only"),
    ("P", "Change of placement and carer(s) only"),
    ("T", "Change of placement but same carer(s)"),
    ("B", "Change of legal status and placement and carer(s) at the same time"),
    ("U", "Change of legal status and change of placement but same carer(s)"),
)

REASON_EPISODE_CEASED = code_list(
    "Reason episode ceased",
    "SSDA903 REC",
    ("X1", "Episode ceases, and new episode begins on same day, for any reason"),
    ("E11", "Adopted – application for an adoption order unopposed"),
    ("E12", "Adopted – consent dispensed with by the court"),
    ("E2", "Died"),
    ("E3", "Care taken over by another local authority in the UK"),
    ("E4A", "Returned home to live with parents or relatives – as part of the care planning process"),
    ("E4B", "Returned home to live with parents or relatives – not as part of the care planning process"),
    ("E13", "Left care to live with parents, relatives or other person with no parental responsibility"),
    ("E41", "Residence order or child arrangements order granted"),
    ("E45", "Special guardianship order – former foster carer who was a relative or friend"),
    ("E46", "Special guardianship order – former foster carer who was not a relative or friend"),
    ("E47", "Special guardianship order – carer other than former foster carer, relative or friend"),
    ("E48", "Special guardianship order – carer other than former foster carer, not relative or friend"),
    ("E5", "Moved into independent living arrangement with formalised support"),
    ("E6", "Moved into independent living arrangement without formalised support"),
    ("E7", "Transferred to residential care funded by adult social care services"),
    ("E9", "Sentenced to custody"),
    ("E14", "Accommodation on remand ended"),
    ("E15", "Age assessment determined child is aged 18 or over"),
    ("E16", "Child moved abroad"),
    ("E17", "Aged 18 (or over) and remained with current carers (including staying put)"),
    ("E8", "Period of being looked after ceased for any other reason"),
)

PLACEMENT_TYPE = code_list(
    "Placement type",
    "SSDA903 PLACE",
    ("A3", "Placed for adoption with parental consent with current foster carer(s)"),
    ("A4", "Placed for adoption with parental consent not with current foster carer(s)"),
    ("A5", "Placed for adoption with placement order with current foster carer(s)"),
    ("A6", "Placed for adoption with placement order not with current foster carer(s)"),
    (
        "H5",
        "Semi-independent living accommodation not subject to children's homes regulations (to March 2024)",
    ),
    ("K1", "Secure children's home"),
    ("K2", "Children's home"),
    ("K3", "Supported accommodation (from April 2024)"),
    ("P1", "Placed with own parent(s) or other person(s) with parental responsibility"),
    ("P2", "Independent living, e.g. in a flat, lodgings, bedsit, B&B or with friends"),
    ("P3", "Residential employment"),
    ("R1", "Residential care home"),
    ("R2", "NHS or health trust or other establishment providing medical or nursing care"),
    ("R3", "Family centre or mother and baby unit"),
    ("R5", "Young offender institution or prison"),
    ("S1", "All residential schools, except where dual-registered as a school and children's home"),
    ("T0", "Temporary placement – all types of temporary move"),
    ("T1", "Temporary placement – period in hospital"),
    ("T2", "Temporary placement – child's holiday"),
    ("T3", "Temporary placement – while the usual foster carer is on holiday"),
    ("T4", "Temporary placement – other, of 7 days or less"),
    ("U1", "Foster placement with relative or friend – long term fostering"),
    (
        "U2",
        "Foster placement with relative or friend who is also an approved adopter – FFA or concurrent planning",
    ),
    ("U3", "Foster placement with relative or friend – not long term or FFA"),
    ("U4", "Foster placement with other foster carer – long term fostering"),
    (
        "U5",
        "Foster placement with other foster carer who is also an approved adopter – FFA or concurrent planning",
    ),
    ("U6", "Foster placement with other foster carer – not long term or FFA"),
    ("Z1", "Other placements (must be listed on a schedule sent to DfE with annual submission)"),
)

PLACEMENT_PROVIDER = code_list(
    "Placement provider",
    "SSDA903 PLACE_PROVIDER",
    ("PR0", "Parent(s) or other person(s) with parental responsibility"),
    ("PR1", "Own provision (by the local authority), including a regional adoption agency hosted by this LA"),
    ("PR2", "Other local authority provision"),
    ("PR3", "Other public provision (for example, a primary care trust)"),
    ("PR4", "Private provision"),
    ("PR5", "Voluntary or third sector provision"),
)

REASON_PLACEMENT_CHANGE = code_list(
    "Reason for placement change",
    "SSDA903 REASON_PLACE_CHANGE",
    ("CARPL", "Change to, or implementation of, the child's care plan"),
    ("CLOSE", "Resignation or closure of provision"),
    ("ALLEG", "Allegation (s47)"),
    ("STAND", "Standards of care concern"),
    ("APPRR", "Approval removed"),
    ("CREQB", "Carer requests placement end due to child's behaviour"),
    ("CREQO", "Carer requests placement end other than due to child's behaviour"),
    ("CHILD", "Child requests placement end"),
    ("LAREQ", "Responsible or area authority requests placement end"),
    ("PLACE", "Change in the status of a placement only"),
    ("CUSTOD", "Custody arrangement"),
    ("OTHER", "Other"),
)

IN_TOUCH = code_list(
    "Care leaver in touch",
    "SSDA903 OC3 IN_TOUCH",
    ("YES", "Yes"),
    ("NO", "No"),
    ("DIED", "Died"),
    ("REFU", "Young person refuses contact"),
    ("NREQ", "Young person no longer requires services"),
    ("RHOM", "Young person has returned home to parents or PR holder for 6 months or more"),
)

CARE_LEAVER_ACCOMMODATION = code_list(
    "Care leaver accommodation",
    "SSDA903 OC3 ACCOM (letter; suitability 1 suitable, 2 unsuitable)",
    ("B", "With parents or relatives"),
    ("C", "Community home or other form of residential care"),
    ("D", "Semi-independent, transitional accommodation"),
    ("E", "Supported lodgings"),
    ("G", "Gone abroad"),
    ("H", "Deported"),
    ("K", "Ordinary lodgings, without formal support"),
    ("R", "Residence not known"),
    ("S", "No fixed abode or homeless"),
    ("T", "Foyers and similar supported accommodation"),
    ("U", "Independent living"),
    ("V", "Emergency accommodation"),
    ("W", "Bed and breakfast"),
    ("X", "In custody"),
    ("Y", "Other accommodation"),
    ("Z", "With former foster carers"),
)

CARE_LEAVER_ACTIVITY = code_list(
    "Care leaver main activity",
    "SSDA903 OC3 ACTIV",
    ("F1", "Full-time in higher education"),
    ("P1", "Part-time in higher education"),
    ("F2", "Full-time in education other than higher education"),
    ("P2", "Part-time in education other than higher education"),
    ("F4", "Full-time apprenticeship"),
    ("P4", "Part-time apprenticeship"),
    ("F5", "Full-time training or employment"),
    ("P5", "Part-time training or employment"),
    ("G4", "Not in education, employment or training – illness or disability"),
    ("G5", "Not in education, employment or training – other reasons"),
    ("G6", "Not in education, employment or training – pregnancy or parenting"),
)

SDQ_REASON = code_list(
    "Reason SDQ not completed",
    "SSDA903 OC2 SDQ_REASON",
    ("SDQ1", "No form returned as child aged under 4 or over 17 at date of latest assessment"),
    ("SDQ2", "Carer refused to complete and return questionnaire"),
    ("SDQ3", "Not possible to complete the questionnaire due to severity of the child's disability"),
    ("SDQ4", "Other"),
    ("SDQ5", "Child or young person refuses to allow an SDQ to be completed"),
)

PREVIOUS_PERMANENCE = code_list(
    "Previous permanence option",
    "SSDA903 PREV_PERM",
    ("P1", "Adoption"),
    ("P2", "Special guardianship order"),
    ("P3", "Residence order or child arrangements order"),
    ("P4", "Unknown"),
    ("Z1", "Child has not previously been adopted or subject to an SGO or CAO"),
)

REASON_PLACED_CEASED = code_list(
    "Reason the decision that the child should be placed for adoption ceased",
    "SSDA903 REASON_PLACED_CEASED",
    ("RD1", "The child's needs changed subsequent to the decision"),
    ("RD2", "The court did not make a placement order"),
    ("RD3", "Prospective adopters could not be found"),
    ("RD4", "Any other reason"),
)

MISSING_TYPE = code_list(
    "Missing or away from placement",
    "SSDA903 MISSING",
    ("M", "Missing: whereabouts unknown"),
    ("A", "Away from placement without authorisation: whereabouts known"),
)
