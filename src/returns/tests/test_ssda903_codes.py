"""Every SSDA903 code mapping (returns.ssda903.codes), year by year."""

from datetime import date

import pytest

from codes import ssda903 as harbour
from returns.ssda903 import codes as c


@pytest.mark.parametrize(
    ("sex", "year", "expected"),
    [
        ("M", 2025, "M"),
        ("F", 2027, "F"),
        ("U", 2026, "U"),
        ("M", 2024, "1"),
        ("F", 2023, "2"),
        ("U", 2024, ""),
    ],
)
def test_sex_is_m_f_u_from_2024_25_and_1_2_before(sex, year, expected):
    assert c.sex_code(sex, year) == expected


@pytest.mark.parametrize(
    ("place", "year", "expected"),
    [("H5", 2025, "K3"), ("H5", 2024, "H5"), ("K3", 2024, "H5"), ("K3", 2026, "K3"), ("U4", 2026, "U4")],
)
def test_supported_accommodation_is_h5_then_k3(place, year, expected):
    assert c.placement_code(place, year) == expected


def test_every_harbour_placement_code_maps_to_a_code_the_year_accepts():
    valid_2026 = {
        *["A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6"],
        "Z11", "Z12", "Z13", "Z14",
    }  # fmt: skip
    retired = {"P2", "Z1"}  # no single 2025/26 code: the validator reports them (rule 146)
    for code in harbour.PLACEMENT_TYPE:
        if code.code not in retired:
            assert c.placement_code(code.code, 2026) in valid_2026, code.code


@pytest.mark.parametrize(
    ("place", "provider", "year", "expected"),
    [
        ("T1", "PR1", 2026, ""),
        ("Z1", "PR4", 2026, ""),
        ("T1", "PR1", 2025, "PR1"),
        ("U6", "PR4", 2026, "PR4"),
    ],
)
def test_provider_is_blank_for_temporary_and_other_placements_from_2025_26(place, provider, year, expected):
    assert c.provider_code(place, provider, year) == expected


@pytest.mark.parametrize(
    ("place", "urn", "expected"),
    [("K2", "sc123456", "SC123456"), ("U4", "XXXXXXX", "XXXXXXX"), ("P1", "SC123456", ""), ("T3", "SC1", "")],
)
def test_urn_only_where_the_placement_can_have_one(place, urn, expected):
    assert c.urn_code(place, urn) == expected


def test_upn_or_the_reason_it_is_unknown():
    assert c.upn_code(" a123456789012 ", "") == "A123456789012"
    for reason in ("UN1", "UN2", "UN3", "UN4", "UN5"):
        assert c.upn_code("", reason) == reason


@pytest.mark.parametrize(
    ("reason", "expected"),
    [("FCONTA", "FCONTA"), ("MANAGE", "MANAGE"), ("LEFTRL", "LEFTRL"), ("ORGRST", "ORGRST"), ("TSPROC", "TSPROC"),
     ("ABSENC", "ABSENC"), ("CHCHAN", "CHCHAN"), ("PCCHAN", "PCCHAN"), ("SWDIED", "SWDIED"), ("OTHERS", "OTHERS"),
     ("CLOSED", "OTHERS")],
)  # fmt: skip
def test_social_worker_change_reasons(reason, expected):
    assert c.sw_reason(reason) == expected


def test_social_worker_id_is_the_registration_number_or_xx():
    assert c.sw_id("sw123456", 7) == "SW123456"
    assert c.sw_id("", 7) == "XX7"
    assert c.sw_id("12345", 9) == "XX9"


@pytest.mark.parametrize(
    ("accommodation", "suitability", "in_touch", "expected"),
    [("U", "1", "YES", "U1"), ("S", "2", "YES", "S2"), ("", "", "NO", "0"), ("", "", "NREQ", "0"),
     ("", "", "DIED", "0"), ("", "", "YES", "")],
)  # fmt: skip
def test_care_leaver_accommodation(accommodation, suitability, in_touch, expected):
    assert c.accom_code(accommodation, suitability, in_touch) == expected


@pytest.mark.parametrize(
    ("activity", "in_touch", "expected"),
    [("F2", "YES", "F2"), ("G6", "RHOM", "G6"), ("", "REFU", "0"), ("", "YES", "")],
)
def test_care_leaver_activity(activity, in_touch, expected):
    assert c.activ_code(activity, in_touch) == expected


def test_flags_dates_and_periods():
    assert (c.flag(True), c.flag(False), c.flag(None)) == ("1", "0", "")
    assert c.fmt(date(2026, 3, 31)) == "31/03/2026" and c.fmt(None) == ""
    assert c.collection_period(2026) == (date(2025, 4, 1), date(2026, 3, 31))
    assert c.birthday(date(2008, 2, 29), 18) == date(2026, 2, 28)
    assert c.age_on(date(2010, 4, 1), date(2026, 3, 31)) == 15


def test_tables_by_year():
    assert "SWEpisodes" not in c.tables_for(2023)
    assert "SWEpisodes" in c.tables_for(2024) and "DoLo" not in c.tables_for(2026)
    assert "DoLo" in c.tables_for(2027)


def test_column_names_are_the_validators():
    from lac_validator.config import column_names

    assert column_names == c.TABLE_COLUMNS
