"""Person-level code lists used by the CIN census, SSDA903 and Annex A."""

from .base import code_list

SEX = code_list(
    "Sex",
    "SSDA903 / Annex A legal sex",
    ("F", "Female"),
    ("M", "Male"),
    ("U", "Not known or not stated"),
)

GENDER = code_list(
    "Gender",
    "CIN census N00783 (NHS data dictionary person stated gender)",
    ("0", "Not known"),
    ("1", "Male"),
    ("2", "Female"),
    ("9", "Not specified"),
)

ETHNICITY = code_list(
    "Ethnicity",
    "DfE main ethnicity codes (CIN census N00177, SSDA903 ETHNIC)",
    ("WBRI", "White – British"),
    ("WIRI", "White – Irish"),
    ("WOTH", "Any other White background"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WROM", "Gypsy / Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Black Caribbean"),
    ("BAFR", "Black African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
)

DISABILITY = code_list(
    "Disability",
    "CIN census N00099",
    ("NONE", "No disability"),
    ("MOB", "Mobility"),
    ("HAND", "Hand function"),
    ("PC", "Personal care"),
    ("INC", "Incontinence"),
    ("COMM", "Communication"),
    ("LD", "Learning"),
    ("HEAR", "Hearing"),
    ("VIS", "Vision"),
    ("BEH", "Behaviour"),
    ("CON", "Consciousness"),
    ("AUT", "Autism or Asperger syndrome"),
    ("DDA", "Other DDA"),
)

UPN_UNKNOWN = code_list(
    "Reason UPN unknown",
    "CIN census N00135",
    ("UN1", "Child is not of school age and has not yet been assigned a UPN"),
    ("UN2", "Child has never attended a maintained school in England"),
    ("UN3", "Child is educated outside England"),
    ("UN4", "Child newly looked after and UPN not yet known"),
    ("UN5", "Sources disagree on the child's UPN"),
)

RELIGION = code_list(
    "Religion or belief",
    "Local list following the 2021 census question",
    ("NONE", "No religion"),
    ("BUD", "Buddhist"),
    ("CHR", "Christian"),
    ("HIN", "Hindu"),
    ("JEW", "Jewish"),
    ("MUS", "Muslim"),
    ("SIK", "Sikh"),
    ("OTH", "Any other religion or belief"),
    ("REFU", "Prefers not to say"),
    ("NOBT", "Not yet obtained"),
)

LANGUAGE = code_list(
    "First language",
    "Local list (common first languages in English authorities)",
    ("ENG", "English"),
    ("ARA", "Arabic"),
    ("BEN", "Bengali"),
    ("CHI", "Chinese (any)"),
    ("FRE", "French"),
    ("GUJ", "Gujarati"),
    ("KUR", "Kurdish"),
    ("LIT", "Lithuanian"),
    ("PAN", "Panjabi"),
    ("PER", "Persian / Farsi"),
    ("POL", "Polish"),
    ("POR", "Portuguese"),
    ("PUS", "Pashto"),
    ("ROM", "Romanian"),
    ("SOM", "Somali"),
    ("SPA", "Spanish"),
    ("TIG", "Tigrinya"),
    ("TUR", "Turkish"),
    ("URD", "Urdu"),
    ("WEL", "Welsh"),
    ("BSL", "British Sign Language"),
    ("OTH", "Other language"),
    ("NOBT", "Not yet obtained"),
)

IMMIGRATION_STATUS = code_list(
    "Immigration status",
    "Standard Safeguarding Dataset immigration status",
    ("UASC", "Unaccompanied asylum-seeking child"),
    ("ASYLUM", "Asylum seeker (accompanied)"),
    ("REFUGEE", "Refugee status"),
    ("ILR", "Indefinite leave to remain"),
    ("DLR", "Discretionary / limited leave to remain"),
    ("EUSS", "EU Settlement Scheme status"),
    ("NRPF", "No recourse to public funds"),
    ("CITIZEN", "British citizen"),
    ("OTHER", "Other"),
)

ADDRESS_KIND = code_list(
    "Address type",
    "Local list",
    ("HOME", "Home"),
    ("PLACEMENT", "Placement"),
    ("TEMPORARY", "Temporary"),
    ("CORRESPONDENCE", "Correspondence"),
    ("OTHER", "Other"),
)

ALERT_KIND = code_list(
    "Alert",
    "Local list",
    ("STAFF_SAFETY", "Risk to staff – do not visit alone"),
    ("VIOLENCE", "History of violence in the household"),
    ("DOG", "Dangerous animal at the address"),
    ("MEDICAL", "Medical alert"),
    ("COMMUNICATION", "Communication need"),
    ("MAPPA", "MAPPA-managed adult linked to the child"),
    ("OTHER", "Other"),
)
