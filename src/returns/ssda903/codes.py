"""How Harbour's recorded values become SSDA903 codes, year by year (RETURNS.md §A.3, §A.5).

Every mapping is a pure function of the recorded value and the collection year (the year the
collection ends: 2026 = 1 April 2025 to 31 March 2026), so a test can check each code.
"""

from datetime import date

TABLE_COLUMNS: dict[str, list[str]] = {
    "Header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "Episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "UASC": ["CHILD", "SEX", "DOB", "DUC"],
    "OC2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "AD1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "PlacedAdoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "PrevPerm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "Missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "SWEpisodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    "DoLo": ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
}

# The validator's table name -> the file Harbour writes.
FILE_NAMES: dict[str, str] = {
    "Header": "header.csv",
    "Episodes": "episodes.csv",
    "Reviews": "reviews.csv",
    "UASC": "uasc.csv",
    "OC2": "oc2.csv",
    "OC3": "oc3.csv",
    "AD1": "ad1.csv",
    "PlacedAdoption": "placed_adoption.csv",
    "PrevPerm": "prev_perm.csv",
    "Missing": "missing.csv",
    "SWEpisodes": "social_worker_episodes.csv",
    "DoLo": "dolo.csv",
}


def tables_for(year: int) -> list[str]:
    """The tables of the return for a collection year: SWEpisodes from 2024, DoLo from 2027."""
    names = [n for n in TABLE_COLUMNS if n not in {"SWEpisodes", "DoLo"}]
    if year >= 2024:
        names.append("SWEpisodes")
    if year >= 2027:
        names.append("DoLo")
    return names


def collection_period(year: int) -> tuple[date, date]:
    """1 April of the previous year to 31 March of `year`."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def fmt(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def sex_code(sex: str, year: int) -> str:
    """M/F/U from 2024/25 (rule 101); 1 (male) / 2 (female) before, unknown left blank."""
    if year >= 2025:
        return sex if sex in {"M", "F", "U"} else "U"
    return {"M": "1", "F": "2"}.get(sex, "")


def placement_code(place: str, year: int) -> str:
    """PLACE. Supported accommodation was H5 until 2023/24 and K3 from 2024/25 (rule 146)."""
    if place == "H5" and year >= 2025:
        return "K3"
    if place == "K3" and year <= 2024:
        return "H5"
    return place


TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
OTHER_PLACEMENTS = frozenset({"Z1", "Z11", "Z12", "Z13", "Z14"})


def provider_code(place: str, provider: str, year: int) -> str:
    """PLACE_PROVIDER; blank for temporary and "other" placements from 2025/26 (rules 178, 213)."""
    if year >= 2026 and (place in TEMPORARY or place in OTHER_PLACEMENTS):
        return ""
    return provider


# Placements that never have an Ofsted URN (rule 222, from 2025/26).
NO_URN_PLACEMENTS = frozenset({"P1", "P3", "R1", "R2", "R5"}) | TEMPORARY | OTHER_PLACEMENTS


def urn_code(place: str, urn: str) -> str:
    """URN: the recorded one; none for placements that cannot have one (rule 222)."""
    return "" if place in NO_URN_PLACEMENTS else urn.strip().upper()


def upn_code(upn: str, unknown_reason: str) -> str:
    """UPN, or the UN1-UN5 code explaining why it is not known (rule 168)."""
    return upn.strip().upper() or unknown_reason


def sw_reason(start_reason: str) -> str:
    """SW_REASON: the reason this worker's allocation started. CLOSED is Harbour's own
    ending reason and not a DfE code; it is reported as OTHERS."""
    return "OTHERS" if start_reason == "CLOSED" else start_reason


def sw_id(registration_number: str, worker_pk: int) -> str:
    """SW_ID: the Social Work England registration number (SW…); XX and the worker's Harbour
    number when none is recorded (rule SW02STG1 allows XX)."""
    number = registration_number.strip().upper()
    return number if number.startswith("SW") else f"XX{worker_pk}"


def accom_code(accommodation: str, suitability: str, in_touch: str) -> str:
    """ACCOM: letter and suitability digit; 0 when not known because the young person is not
    in touch (rules 133, 153, 345: every item is completed, 0 only when not in touch)."""
    if not accommodation:
        return "" if in_touch == "YES" else "0"
    return f"{accommodation}{suitability}"


def activ_code(activity: str, in_touch: str) -> str:
    """ACTIV: the recorded activity; 0 when not known because not in touch (rules 132, 345)."""
    if not activity:
        return "" if in_touch == "YES" else "0"
    return activity


def birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February
        return date(dob.year + years, 2, 28)


def age_on(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
