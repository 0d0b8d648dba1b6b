"""Every Harbour code an Annex A column can hold has its Annex A label, and the labels are
Ofsted's (the prefixed drop-down values of the Annex A template)."""

import re

import pytest

from codes import cin as cin_codes
from codes import permanence as pcodes
from codes import person as person_codes
from codes import ssda903
from returns.annex_a import labels

# (Harbour code list, Annex A mapping, pattern every label must match with the code in it)
CODED = [
    (cin_codes.REFERRAL_SOURCE, labels.SOURCE, r"^[a-z]1?\) {code}: [A-Z][A-Za-z ]+$"),
    (cin_codes.PRIMARY_NEED, labels.PRIMARY_NEED, r"^{code} - [A-Z].+$"),
    (cin_codes.CLOSURE_REASON, labels.CLOSURE_REASON, r"^{code} - [A-Z].+$"),
    (ssda903.LEGAL_STATUS, labels.LEGAL_STATUS, r"^{code}: [A-Z].+$"),
    (ssda903.PLACEMENT_TYPE, labels.PLACEMENT_TYPE, r"^[a-z]{{1,2}}\) {code}: [A-Z].+$"),
    (ssda903.PLACEMENT_PROVIDER, labels.PLACEMENT_PROVIDER, r"^[a-f]\) {code}: [A-Z].+$"),
    (ssda903.CARE_LEAVER_ACCOMMODATION, labels.ACCOMMODATION, r"^{code}: [A-Z].+$"),
    (ssda903.CARE_LEAVER_ACTIVITY, labels.ACTIVITY, r"^{code}: [A-Z].+$"),
    (ssda903.REASON_PLACED_CEASED, labels.REASON_NO_LONGER_ADOPTION, r"^{code} - [A-Z].+$"),
    (person_codes.ETHNICITY, labels.ETHNICITY, r"^[a-t]\) {code}$"),
]


@pytest.mark.parametrize(("codes", "mapping", "pattern"), CODED, ids=[c[0].name for c in CODED])
def test_every_harbour_code_has_its_annex_a_label(codes, mapping, pattern):
    for code in codes:
        label = labels.label(mapping, code.code)
        assert re.match(pattern.format(code=re.escape(code.code)), label), (code.code, label)
    assert len(set(mapping.values())) == len(mapping)  # no two codes share a label


def test_reasons_care_ended_cover_every_code_a_period_can_end_with():
    for code in ssda903.REASON_EPISODE_CEASED:
        assert re.match(rf"^[a-v]\) {code.code}: [A-Z].+$", labels.REASON_CEASED[code.code])


@pytest.mark.parametrize(
    ("mapping", "code", "expected"),
    [
        (labels.SEX, "M", "a) Male"),
        (labels.SEX, "F", "b) Female"),
        (labels.SEX, "U", "c) Not stated/recorded"),
        (labels.ETHNICITY, "WBRI", "a) WBRI"),
        (labels.ETHNICITY, "REFU", "s) REFU"),
        (labels.ETHNICITY, "NOBT", "t) NOBT"),
        (labels.SOURCE, "6", "q) 6: Police"),
        (labels.SOURCE, "5D", "p1) 5D: LA services"),
        (labels.SOURCE, "10", "u) 10: Unknown"),
        (labels.LEGAL_STATUS, "E1", "E1: Placement order"),
        (labels.LEGAL_STATUS, "C2", "C2: FCO"),
        (labels.PLACEMENT_TYPE, "U6", "f) U6: Foster placement - not FFA"),
        (labels.PLACEMENT_TYPE, "T4", "zz) T4: Temporary placement - seven days or less"),
        (labels.PLACEMENT_PROVIDER, "PR4", "e) PR4: Private provision"),
        (labels.ABUSE_CATEGORY, "NEG", "a) Neglect"),
        (labels.ABUSE_CATEGORY, "MUL", "e) Multiple/not recommended"),
        (
            labels.REASON_CEASED,
            "E4A",
            "e) E4A: Returned home to live with parents or relatives - part of planning",
        ),
        (labels.REASON_CEASED, "E17", "v) E17: Aged 18+ and remained with current carers"),
        (labels.ELIGIBILITY, "FORMER_RELEVANT", "b) Former relevant child"),
        (labels.IN_TOUCH, "REFU", "d) Refu"),
        (labels.SUITABILITY, "2", "b) Unsuitable"),
        (labels.ACCOMMODATION, "Z", "Z: With former foster carers"),
        (labels.ACTIVITY, "G6", "G6: Not in education, employment or training - pregnancy or parenting"),
        (labels.PRIMARY_NEED, "N2", "N2 - Child's disability"),
        (labels.CLOSURE_REASON, "RC8", "RC8 - Case closed after assessment, no further action"),
        (labels.REASON_NO_LONGER_ADOPTION, "RD2", "RD2 - The Court did not make a placement order"),
    ],
)
def test_ofsteds_labels(mapping, code, expected):
    assert labels.label(mapping, code) == expected


@pytest.mark.parametrize(
    ("codes", "mapping"),
    [
        (person_codes.SEX, labels.SEX),
        (cin_codes.ABUSE_CATEGORY, labels.ABUSE_CATEGORY),
        (ssda903.IN_TOUCH, labels.IN_TOUCH),
        (pcodes.OC3_SUITABILITY, labels.SUITABILITY),
    ],
)
def test_lettered_lists_use_one_letter_per_code(codes, mapping):
    letters = sorted(mapping[c.code][0] for c in codes)
    assert letters == list("abcdefghijklmnopqrstuvwxyz"[: len(letters)])
    assert all(mapping[c.code][1:3] == ") " for c in codes)


def test_care_leaver_categories_are_the_four_that_receive_leaving_care_services():
    recorded = {c.code for c in pcodes.CARE_LEAVER_ELIGIBILITY} - {"NONE"}
    assert set(labels.ELIGIBILITY) == recorded
    assert sorted(labels.ELIGIBILITY.values()) == [
        "a) Relevant child",
        "b) Former relevant child",
        "c) Qualifying care leaver",
        "d) Eligible child",
    ]


def test_case_statuses_and_yes_no():
    assert labels.CASE_STATUS == (
        "a) Looked after child",
        "b) Child Protection plan",
        "c) Child in need plan",
        "d) Open assessment",
        "e) Closed episode",
    )
    assert labels.yes_no(True) == "a) Yes"
    assert labels.yes_no(False) == "b) No"
    assert labels.yes_no(None) is None


def test_blank_and_unknown_codes_are_never_guessed():
    assert labels.label(labels.SOURCE, "") is None
    assert labels.label(labels.SOURCE, None) is None
    assert labels.label(labels.PLACEMENT_TYPE, "Z11") == "Z11"  # no Annex A label: the bare code
