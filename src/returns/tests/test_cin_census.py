"""The CIN census from a small cohort recorded through Harbour's services: the XML against a
hand-checked expected file, the tables' provenance, the validator's findings, and the
DataFrames against the validator package's own XML ingress."""

from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
from cin_validator.cin_validator import convert_data, process_data

from returns.base import Severity, Source
from returns.cin_census import build, validate
from returns.cin_census.validation import data_frames

from .cin_cohort import GENERATED_AT, YEAR, make_cohort

EXPECTED = Path(__file__).parent / "fixtures" / "cin_census_2026.xml"


@pytest.fixture
def cohort(db, make_user, settings):
    settings.HARBOUR_AUTHORITY = {**settings.HARBOUR_AUTHORITY, "la_code": "999"}
    return make_cohort(make_user)


def test_xml_matches_the_hand_checked_file(cohort):
    output = build(YEAR, generated_at=GENERATED_AT)
    assert list(output.files) == ["cin_census_2026.xml"]
    assert output.files["cin_census_2026.xml"].decode() == EXPECTED.read_text(encoding="utf-8")


def test_every_row_names_the_record_a_worker_edits(cohort):
    output = build(YEAR, generated_at=GENERATED_AT)
    sources = output.tables
    assert sources["Header"].sources == [Source(None)]
    assert {s.model for s in sources["ChildIdentifiers"].sources} == {""}
    assert {s.model for s in sources["CINdetails"].sources} == {"frontdoor.referral"}
    assert {s.model for s in sources["Assessments"].sources} == {"assessments.assessment"}
    assert {s.model for s in sources["Section47"].sources} == {"protection.s47enquiry"}
    assert {s.model for s in sources["ChildProtectionPlans"].sources} == {"protection.cpplan"}
    assert {s.model for s in sources["Reviews"].sources} == {"protection.conference"}
    assert {s.model for s in sources["CINplanDates"].sources} == {"cin.cinplan"}
    assert {s.model for s in sources["Disabilities"].sources} == {"people.persondisability"}
    plan_source = sources["ChildProtectionPlans"].sources[0]
    assert plan_source.person_id == cohort.protected.pk
    from protection.models import CPPlan

    current = CPPlan.objects.filter(person=cohort.protected).order_by("-start_date").first()
    assert plan_source.pk == current.pk


def test_the_cohort_has_no_errors_and_the_expected_queries(cohort):
    output = build(YEAR, generated_at=GENERATED_AT)
    findings = validate(output, YEAR)
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    # 8670Q is not raised (the unborn baby's assessment started under 45 working days before
    # 31 March); 2887Q and 2888Q are return-level queries about the few disability codes used.
    assert {f.rule_code for f in findings} == {"2887Q"}


def test_a_broken_record_is_traced_to_the_object_to_fix(cohort):
    from frontdoor.models import Referral

    referral = Referral.objects.get(person=cohort.assessed)
    Referral.objects.filter(pk=referral.pk).update(source="99")  # as a bad import would leave it
    output = build(YEAR, person_ids=[cohort.assessed.pk])
    findings = [f for f in validate(output, YEAR) if f.rule_code == "8866"]
    assert len(findings) == 1
    assert findings[0].severity == Severity.ERROR
    assert findings[0].source == Source(cohort.assessed.pk, "frontdoor.referral", referral.pk)
    assert "ReferralSource" in findings[0].fields


def test_one_child_builds_alone(cohort):
    output = build(YEAR, person_ids=[cohort.protected.pk])
    assert [r[0] for r in output.tables["ChildIdentifiers"].rows] == [cohort.protected.la_child_id]
    assert len(output.tables["ChildProtectionPlans"].rows) == 1
    assert output.tables["ChildProtectionPlans"].rows[0][-1] == "1"  # one previous plan (2023)


def test_data_frames_equal_the_packages_ingress_of_the_xml(cohort):
    output = build(YEAR, generated_at=GENERATED_AT)
    root = ElementTree.fromstring(output.files["cin_census_2026.xml"])
    theirs = process_data(convert_data(root))
    ours = data_frames(output)
    assert set(ours) == set(theirs)
    for name, frame in ours.items():
        expected = theirs[name].reset_index(drop=True)
        if name == "Reviews":
            # The package reads only the first CPPreviewDate of each Reviews block; Harbour
            # validates every review date (ADR 0015). The first of each plan's are the same.
            frame = (
                frame.groupby(["LAchildID", "CINdetailsID", "CPPID"], sort=False)
                .head(1)
                .reset_index(drop=True)
            )
        pd.testing.assert_frame_equal(frame, expected, check_dtype=False, obj=name)


def test_progress_is_reported_up_to_done(cohort):
    seen: list[tuple[int, int, str]] = []
    build(YEAR, progress=lambda done, total, stage: seen.append((done, total, stage)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_a_year_before_the_rules_is_refused_and_a_later_one_uses_the_latest_rules():
    from returns.cin_census.validation import rule_set

    assert rule_set(2035).keys() == rule_set(2027).keys()
    with pytest.raises(ValueError, match="No CIN census rules"):
        rule_set(2022)
