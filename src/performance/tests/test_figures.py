"""Targets and RAG, direction of travel and the shipped England comparators."""

from decimal import Decimal

import pytest

from performance.catalogue import CATALOGUE
from performance.figures import comparators, direction, rag
from performance.models import ComparatorKind, Target


def _target(value: str, tolerance: str) -> Target:
    return Target(indicator_id="x", target=Decimal(value), tolerance=Decimal(tolerance))


@pytest.mark.parametrize(
    ("indicator_id", "value", "status"),
    [
        ("assessments_within_45_days", "90", "green"),
        ("assessments_within_45_days", "85", "amber"),
        ("assessments_within_45_days", "84.9", "red"),
        ("re_referrals_12_months", "20", "green"),
        ("re_referrals_12_months", "25", "amber"),
        ("re_referrals_12_months", "25.1", "red"),
        ("referrals", "1000", ""),  # no better direction: no RAG
    ],
)
def test_rag_against_a_target_of_90_or_20_with_a_tolerance_of_5(indicator_id, value, status):
    indicator = CATALOGUE.indicators[indicator_id]
    target = _target("90" if indicator_id.startswith("assess") else "20", "5")
    assert rag(indicator, Decimal(value), target) == status
    assert rag(indicator, None, target) == ""
    assert rag(indicator, Decimal(value), None) == ""


def test_direction_of_travel_follows_the_polarity():
    assert (
        direction(CATALOGUE.indicators["assessments_within_45_days"], Decimal(80), Decimal(70)) == "improving"
    )
    assert direction(CATALOGUE.indicators["re_referrals_12_months"], Decimal(30), Decimal(20)) == "worsening"
    assert direction(CATALOGUE.indicators["referrals"], Decimal(3), Decimal(2)) == "up"
    assert direction(CATALOGUE.indicators["referrals"], Decimal(3), Decimal(3)) == "same"
    assert direction(CATALOGUE.indicators["referrals"], Decimal(3), None) == ""


def test_england_comparators_name_real_indicators_with_their_year_and_source(db):
    # The figures shipped with Harbour, as the pages read them (none loaded in their place).
    figures = {key: kinds[ComparatorKind.ENGLAND] for key, kinds in comparators().items()}
    assert figures["cla_rate"].value == Decimal(67) and figures["cla_rate"].year == "2024-25"
    assert figures["re_referrals_12_months"].value == Decimal("22.6")
    assert len(figures) >= 8
    assert set(figures) <= set(CATALOGUE.indicators)
    assert all(f.year and f.source.startswith("DfE") for f in figures.values())
    # Each rate and percentage shipped is the unit the indicator counts in.
    assert all(CATALOGUE.indicators[key].unit.value != "count" for key in figures)


def test_every_indicator_is_declared_whole():
    for indicator in CATALOGUE.indicators.values():
        assert indicator.title and indicator.definition and indicator.numerator and indicator.family
        assert (indicator.unit.value == "percentage") == bool(
            indicator.denominator
        ) or indicator.unit.value in (
            "rate per 10,000",
            "days",
            "average",
            "maximum",
        )
        assert indicator.subject.value in ("child", "worker", "team")


def test_the_england_row_of_the_latest_year_is_read_from_a_dfe_file():
    from performance.comparators import UnreadableFile, published_figure

    content = (
        b"time_period,geographic_level,country_name,rate\n"
        b"2023,National,England,40.1\n2024,National,England,41.6\n2024,Regional,North East,60.2\n2025,National,England,x\n"
    )
    assert published_figure(content, "rate").value == Decimal("41.6")
    assert published_figure(content, "rate").time_period == "2024"
    with pytest.raises(UnreadableFile):
        published_figure(content, "number")
    with pytest.raises(UnreadableFile):
        published_figure(b"a,b\n1,2\n", "a")


DFE_FILE = (
    b"time_period,geographic_level,region_name,la_name,rate\n"
    b"2024,National,,,41.6\n2025,National,,,42.0\n"
    b"2024,Regional,North West,,50.0\n2025,Regional,North West,,51.2\n2025,Regional,North East,,60.2\n"
    b"2025,Local authority,North West,Blackpool,80.0\n2025,Local authority,North West,Bolton,45.5\n"
    b"2025,Local authority,North West,Wigan,c\n2024,Local authority,North West,Salford,99.0\n"
)


def test_a_region_and_the_statistical_neighbours_are_read_from_a_dfe_file():
    from performance.comparators import NEIGHBOURS, REGION, UnreadableFile, published_figure

    region = published_figure(DFE_FILE, "rate", REGION, ["north west"])
    assert (region.value, region.time_period) == (Decimal("51.2"), "2025")
    # The neighbours' mean in the latest year, leaving out a suppressed figure.
    neighbours = published_figure(DFE_FILE, "rate", NEIGHBOURS, ["Blackpool", "Bolton", "Wigan", "Salford"])
    assert (neighbours.value, neighbours.time_period, neighbours.areas) == (Decimal("62.8"), "2025", 2)
    with pytest.raises(UnreadableFile):
        published_figure(DFE_FILE, "rate", REGION, ["South West"])
    with pytest.raises(UnreadableFile):
        published_figure(DFE_FILE, "rate", NEIGHBOURS, [])


def test_timescales_in_titles_and_definitions_are_the_table_s_words():
    from timescales.rules import get_rule

    assert get_rule("assessment").in_words == "45 working days"
    assert get_rule("referral_decision").in_words == "1 working day"
    assert get_rule("return_home_interview").in_words == "72 hours"
    for indicator_id, rule_id in (
        ("assessments_within_45_days", "assessment"),
        ("icpc_within_15_days", "icpc"),
        ("decisions_within_1_working_day", "referral_decision"),
        ("initial_health_within_20_days", "initial_health_assessment"),
        ("first_core_group_on_time", "first_core_group"),
        ("return_interviews_72_hours", "return_home_interview"),
    ):
        indicator = CATALOGUE.indicators[indicator_id]
        words = get_rule(rule_id).in_words
        assert words in indicator.title and words in indicator.definition, indicator_id
    from plans.standards import standard

    visits = CATALOGUE.indicators["cp_visits_on_time"]
    assert (
        f"within {standard('cp_visit_working_days')} working days" in visits.title
    )  # the authority's standard
    reviews = CATALOGUE.indicators["lac_reviews_on_time"].definition
    assert f"{get_rule('lac_first_review').in_words} after care began" in reviews
