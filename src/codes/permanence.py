"""Code lists for permanence, court, adoption, care leavers and rights (DATA_MODEL §2.21–2.23)."""

from .base import code_list

CARE_LEAVER_ELIGIBILITY = code_list(
    "Care leaver eligibility category",
    "Children Act 1989 s19B, s23A, s24; CPPCR 2010 reg 40; SSD ssd_care_leavers.yml",
    ("ELIGIBLE", "Eligible"),
    ("RELEVANT", "Relevant"),
    ("FORMER_RELEVANT", "Former relevant"),
    ("QUALIFYING", "Qualifying"),
    ("NONE", "Not a care leaver"),
)

OC3_SUITABILITY = code_list(
    "Care leaver accommodation suitability",
    "SSDA903 OC3 ACCOM (second character)",
    ("1", "Suitable"),
    ("2", "Not suitable"),
)

ORDER_TYPE = code_list(
    "Court order type",
    "Children Act 1989 ss31, 38, 8, 14A; Adoption and Children Act 2002 ss21, 46",
    ("ICO", "Interim care order"),
    ("CO", "Care order"),
    ("ISO", "Interim supervision order"),
    ("SO", "Supervision order"),
    ("PO", "Placement order"),
    ("SGO", "Special guardianship order"),
    ("CAO", "Child arrangements order"),
    ("AO", "Adoption order"),
)

PROCEEDINGS_OUTCOME = code_list(
    "Outcome of care proceedings",
    "Local (PLO tracking)",
    ("CO", "Care order"),
    ("CO_PO", "Care order and placement order"),
    ("SO", "Supervision order"),
    ("SGO", "Special guardianship order"),
    ("CAO", "Child arrangements order"),
    ("NO_ORDER", "No order"),
    ("WITHDRAWN", "Application withdrawn"),
)

PLO_OUTCOME = code_list(
    "Outcome of pre-proceedings",
    "SSD ssd_pre_proceedings.yml (draft)",
    ("ISSUE", "Issue care proceedings"),
    ("STEP_DOWN", "Step down"),
)

ADOPTER_SEX = code_list(
    "Sex of adopter(s)",
    "SSDA903 AD1 SEX_ADOPTR",
    ("M1", "Male adopter"),
    ("F1", "Female adopter"),
    ("MM", "Male couple"),
    ("FF", "Female couple"),
    ("MF", "Male and female couple"),
)

ADOPTER_LEGAL_STATUS = code_list(
    "Legal status of adopter(s)",
    "SSDA903 AD1 LS_ADOPTR",
    ("L0", "Single adopter"),
    ("L11", "Married couple of different genders"),
    ("L12", "Married couple of the same gender"),
    ("L2", "Civil partners"),
    ("L3", "Unmarried couple of different genders"),
    ("L4", "Unmarried couple of the same gender"),
)

CONTACT_CANCELLED_BY = code_list(
    "Who cancelled a contact session",
    "Local (supervised contact)",
    ("PARENT", "Parent or family member"),
    ("CARER", "Carer"),
    ("CHILD", "Child"),
    ("LA", "Local authority"),
    ("OTHER", "Other"),
)

VIEWS_METHOD = code_list(
    "How the child gave their views",
    "DATA_MODEL §2.25 (voice of the child)",
    ("IN_PERSON", "In person"),
    ("APP", "App"),
    ("FORM", "Form"),
    ("ADVOCATE", "Through an advocate"),
    ("DRAWING", "Drawing"),
)
