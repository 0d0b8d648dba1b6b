"""Tests for the rules table, due dates, months arithmetic and local targets."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

import timescales
from timescales import (
    RULES,
    Deadline,
    LocalTarget,
    Rule,
    Unit,
    UnknownRule,
    add_months,
    apply_interval,
    calendar_version,
    compute_deadline,
    due_date,
    get_rule,
    local_target_date,
)
from timescales import deadlines as deadlines_module

WD = Unit.WORKING_DAYS
LONDON = ZoneInfo("Europe/London")

EXPECTED_RULES: dict[str, tuple[int, Unit]] = {
    "referral_decision": (1, WD),
    "assessment": (45, WD),
    "icpc": (15, WD),
    "first_core_group": (10, WD),
    "first_cp_review": (3, Unit.MONTHS),
    "cp_review": (6, Unit.MONTHS),
    "lac_first_review": (20, WD),
    "lac_second_review": (3, Unit.MONTHS),
    "lac_review": (6, Unit.MONTHS),
    "initial_health_assessment": (20, WD),
    "care_plan": (10, WD),
    "placement_visit_first": (7, Unit.CALENDAR_DAYS),
    "return_home_interview": (72, Unit.HOURS),
    "care_proceedings": (26, Unit.WEEKS_BEGINNING_WITH),
    "legacy_initial_assessment": (7, WD),
    "legacy_core_assessment": (35, WD),
    "placement_plan": (5, WD),
    "placement_notification": (5, WD),
    "transfer_in_conference": (15, WD),
    "care_leaver_needs_assessment": (3, Unit.MONTHS),
    "pathway_plan_review": (6, Unit.MONTHS),
    "pa_visit": (2, Unit.MONTHS),
    "adoption_review_first_not_placed": (3, Unit.MONTHS),
    "pep_initial": (10, WD),
    "complaint_stage_1": (10, WD),
    "complaint_stage_2": (25, WD),
    "adm_decision": (7, WD),
    "subject_access": (1, Unit.MONTHS),
    "subject_access_extended": (3, Unit.MONTHS),
}


# --- The rules table ---------------------------------------------------------------------------


@pytest.mark.parametrize(("rule_id", "expected"), sorted(EXPECTED_RULES.items()))
def test_rule_exists_with_unit_and_amount(rule_id: str, expected: tuple[int, Unit]) -> None:
    rule = get_rule(rule_id)
    assert rule.id == rule_id
    assert (rule.amount, rule.unit) == expected


def test_every_rule_is_documented() -> None:
    assert set(EXPECTED_RULES) <= set(RULES)
    for rule_id, rule in RULES.items():
        assert isinstance(rule, Rule)
        assert rule.id == rule_id
        assert rule.description.strip() and rule.legal_source.strip() and rule.clock_start
        assert rule.reference
        assert rule.default_local_target is None


def test_legal_sources_cite_the_right_documents() -> None:
    assert get_rule("icpc").legal_source.startswith("Working Together to Safeguard Children 2023")
    assert "reg 33" in get_rule("lac_first_review").legal_source
    assert "reg 4(2)" in get_rule("care_plan").legal_source
    assert "s32" in get_rule("care_proceedings").legal_source
    assert "reg 36(1)" in get_rule("adoption_review_first_not_placed").legal_source
    assert "Care Leavers (England) Regulations 2010, reg 8" in get_rule("pa_visit").legal_source


def test_rules_are_read_only() -> None:
    with pytest.raises(TypeError):
        RULES["icpc"] = RULES["assessment"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES["icpc"].amount = 20  # type: ignore[misc]


def test_unknown_rule() -> None:
    with pytest.raises(UnknownRule) as caught:
        get_rule("no_such_rule")
    assert isinstance(caught.value, KeyError)
    assert "no_such_rule" in str(caught.value)
    with pytest.raises(KeyError):
        due_date("no_such_rule", date(2024, 1, 2))


def test_unit_parse() -> None:
    assert Unit.parse("working_days") is WD
    assert Unit.parse("WORKING_DAYS") is WD
    assert Unit.parse(Unit.HOURS) is Unit.HOURS
    with pytest.raises(ValueError):
        Unit.parse("fortnights")


def test_public_api_names() -> None:
    for name in timescales.__all__:
        assert hasattr(timescales, name)


# --- Months (corresponding-date rule) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 3, date(2025, 4, 30)),  # no 31 April -> last day of April
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # no 31 Feb 2025 -> 28 Feb
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year -> 29 Feb 2024
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 1, 30), 1, date(2024, 2, 29)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),  # crosses the year end
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 10, 31), 2, date(2024, 12, 31)),
        (date(2024, 6, 10), 0, date(2024, 6, 10)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2024, 1, 31), 25, date(2026, 2, 28)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_keeps_time_of_day() -> None:
    assert add_months(datetime(2025, 1, 31, 9, 15), 1) == datetime(2025, 2, 28, 9, 15)


# --- Due dates: worked examples from section 9 of the timescales reference -----------------


def test_due_date_worked_examples() -> None:
    # Became looked after Thu 14 Mar 2024: 20 WD, skipping Good Friday 29 Mar and Easter
    # Monday 1 Apr -> Mon 15 Apr 2024 (counted day by day in test_calendar).
    assert due_date("lac_first_review", date(2024, 3, 14)) == date(2024, 4, 15)
    assert due_date("initial_health_assessment", date(2024, 3, 14)) == date(2024, 4, 15)
    # Strategy discussion Fri 20 Dec 2024 or Sat 21 Dec: 15 WD skipping 25, 26 Dec, 1 Jan.
    assert due_date("icpc", date(2024, 12, 20)) == date(2025, 1, 15)
    assert due_date("icpc", date(2024, 12, 21)) == date(2025, 1, 15)
    # Referral Thu 17 Apr 2025: skip Good Friday 18, weekend, Easter Monday 21.
    assert due_date("referral_decision", date(2025, 4, 17)) == date(2025, 4, 22)
    # ... and 45 WD, also skipping 5 May and 26 May -> Wed 25 Jun 2025.
    assert due_date("assessment", date(2025, 4, 17)) == date(2025, 6, 25)
    # Review 31 Jan 2025 + 3 months: no 31 Apr -> Wed 30 Apr 2025.
    assert due_date("lac_second_review", date(2025, 1, 31)) == date(2025, 4, 30)
    assert due_date("first_cp_review", date(2025, 1, 31)) == date(2025, 4, 30)
    # 31 Aug 2024 + 6 months: no 31 Feb, 2025 not a leap year -> 28 Feb 2025.
    assert due_date("lac_review", date(2024, 8, 31)) == date(2025, 2, 28)
    assert due_date("cp_review", date(2024, 8, 31)) == date(2025, 2, 28)
    # Issued Mon 6 Jan 2025 (day 1): + 26 weeks = Mon 7 Jul 2025, less 1 day -> Sun 6 Jul.
    assert due_date("care_proceedings", date(2025, 1, 6)) == date(2025, 7, 6)
    # Placement Mon 3 Jun 2024 + 7 calendar days -> Mon 10 Jun 2024.
    assert due_date("placement_visit_first", date(2024, 6, 3)) == date(2024, 6, 10)


def test_six_weekly_visit_interval_example() -> None:
    # Visit Mon 10 Jun 2024 + 42 days: 20 days left in June, 22 more -> Mon 22 Jul 2024.
    assert apply_interval(date(2024, 6, 10), 6, Unit.WEEKS) == date(2024, 7, 22)


def test_return_home_interview_72_hours() -> None:
    # Returned 22:00 Fri 3 Jan 2025 -> 22:00 Mon 6 Jan 2025.
    assert due_date("return_home_interview", datetime(2025, 1, 3, 22, 0)) == datetime(2025, 1, 6, 22, 0)
    aware = datetime(2025, 1, 3, 22, 0, tzinfo=LONDON)
    assert due_date("return_home_interview", aware) == datetime(2025, 1, 6, 22, 0, tzinfo=LONDON)


def test_return_home_interview_across_clock_change() -> None:
    # Returned 22:00 GMT Fri 28 Mar 2025; clocks go forward at 01:00 GMT Sun 30 Mar, so 72
    # elapsed hours end at 22:00 GMT Mon 31 Mar = 23:00 BST.
    returned = datetime(2025, 3, 28, 22, 0, tzinfo=LONDON)
    due = due_date("return_home_interview", returned)
    assert isinstance(due, datetime)
    assert due.tzinfo is LONDON
    assert due == datetime(2025, 3, 31, 22, 0, tzinfo=UTC)
    assert (due.hour, due.minute) == (23, 0)
    # Same-zone subtraction is wall-clock (73 h here); real elapsed time is 72 hours.
    assert due.astimezone(UTC) - returned.astimezone(UTC) == timedelta(hours=72)


def test_hour_rule_needs_a_datetime() -> None:
    with pytest.raises(TypeError, match="datetime"):
        due_date("return_home_interview", date(2025, 1, 3))


def test_date_rules_accept_a_datetime_and_return_a_date() -> None:
    due = due_date("lac_first_review", datetime(2024, 3, 14, 23, 30, tzinfo=LONDON))
    assert type(due) is date
    assert due == date(2024, 4, 15)


def test_other_rules() -> None:
    # ICPC Wed 15 Jan 2025 + 10 WD, no holidays: 16-17 Jan=1..2, 20-24=3..7, 27-29=8..10.
    assert due_date("first_core_group", date(2025, 1, 15)) == date(2025, 1, 29)
    # 16th birthday 30 Nov 2024 + 3 months: no 30 Feb -> 28 Feb 2025.
    assert due_date("care_leaver_needs_assessment", date(2024, 11, 30)) == date(2025, 2, 28)
    # Placement Fri 23 Aug 2024 + 5 WD: skip summer bank holiday Mon 26 Aug;
    # Tue 27=1, Wed 28=2, Thu 29=3, Fri 30=4, Mon 2 Sep=5.
    assert due_date("placement_plan", date(2024, 8, 23)) == date(2024, 9, 2)
    assert due_date("placement_notification", date(2024, 8, 23)) == date(2024, 9, 2)
    # PA visit 31 Dec 2024 + 2 months -> 28 Feb 2025.
    assert due_date("pa_visit", date(2024, 12, 31)) == date(2025, 2, 28)


# --- Local targets -----------------------------------------------------------------------------


def test_no_local_target_by_default() -> None:
    assert local_target_date("assessment", date(2025, 4, 17), targets={}) is None
    assert local_target_date("assessment", date(2025, 4, 17), targets={"icpc": (5, WD)}) is None
    assert local_target_date("assessment", date(2025, 4, 17), targets={"assessment": None}) is None


def test_local_target_from_pair_and_dataclass() -> None:
    # Thu 17 Apr 2025 + 35 WD: as the 45-day example, Fri 6 Jun=32, Mon 9=33, Tue 10=34,
    # Wed 11 Jun 2025=35.
    expected = date(2025, 6, 11)
    start = date(2025, 4, 17)
    assert local_target_date("assessment", start, targets={"assessment": (35, WD)}) == expected
    assert local_target_date("assessment", start, targets={"assessment": [35, "working_days"]}) == expected
    as_dataclass = {"assessment": LocalTarget(35, WD)}
    assert local_target_date("assessment", start, targets=as_dataclass) == expected


def test_local_target_in_a_different_unit() -> None:
    # ICPC from Fri 20 Dec 2024 locally within 2 weeks -> Fri 3 Jan 2025 (statutory 15 Jan).
    assert local_target_date("icpc", date(2024, 12, 20), targets={"icpc": (2, "weeks")}) == date(2025, 1, 3)


def test_local_target_never_later_than_statutory() -> None:
    # 20 WD locally would be later than the statutory 15 WD (Wed 15 Jan 2025): clipped.
    assert local_target_date("icpc", date(2024, 12, 20), targets={"icpc": (20, WD)}) == date(2025, 1, 15)


def test_local_target_for_an_hour_rule() -> None:
    returned = datetime(2025, 1, 3, 22, 0)
    targets = {"return_home_interview": (48, "hours")}
    assert local_target_date("return_home_interview", returned, targets=targets) == datetime(
        2025, 1, 5, 22, 0
    )
    with pytest.raises(ValueError, match="cannot apply"):
        local_target_date("return_home_interview", returned, targets={"return_home_interview": (1, WD)})
    with pytest.raises(ValueError, match="cannot apply"):
        local_target_date("assessment", date(2025, 4, 17), targets={"assessment": (24, "hours")})


@pytest.mark.parametrize("bad", [(35,), ("35", WD), (35, "fortnights"), (-1, WD), 35, (True, WD)])
def test_bad_local_target_rejected(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        local_target_date("assessment", date(2025, 4, 17), targets={"assessment": bad})


def test_rule_default_local_target_used_when_not_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rule = dataclasses.replace(get_rule("assessment"), default_local_target=LocalTarget(35, WD))
    monkeypatch.setattr(deadlines_module, "get_rule", lambda rule_id: rule)
    assert local_target_date("assessment", date(2025, 4, 17), targets={}) == date(2025, 6, 11)
    # An explicit None entry switches the default off.
    assert local_target_date("assessment", date(2025, 4, 17), targets={"assessment": None}) is None


def test_settings_targets_used_when_targets_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines_module, "_configured_targets", lambda: {"assessment": (35, "working_days")})
    assert local_target_date("assessment", date(2025, 4, 17)) == date(2025, 6, 11)
    assert compute_deadline("assessment", date(2025, 4, 17)).local_target_due == date(2025, 6, 11)
    # Explicit targets win over settings.
    assert local_target_date("assessment", date(2025, 4, 17), targets={}) is None


def test_no_settings_means_no_local_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines_module, "_configured_targets", lambda: None)
    assert local_target_date("assessment", date(2025, 4, 17)) is None


def test_configured_targets_reads_django_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    targets = {"assessment": (35, "working_days")}
    fake = SimpleNamespace(configured=True, HARBOUR_LOCAL_TARGETS=targets)
    monkeypatch.setattr("django.conf.settings", fake)
    assert deadlines_module._configured_targets() is targets
    monkeypatch.setattr("django.conf.settings", SimpleNamespace(configured=True))
    assert deadlines_module._configured_targets() is None
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    monkeypatch.setattr("django.conf.settings", SimpleNamespace(configured=False))
    assert deadlines_module._configured_targets() is None


def test_real_django_settings_path() -> None:
    """Runs only when the project's Django settings are configured (pytest-django)."""
    from django.conf import settings
    from django.test import override_settings

    if not settings.configured:
        pytest.skip("Django settings are not configured in this run")
    with override_settings(HARBOUR_LOCAL_TARGETS={"assessment": (35, "working_days")}):
        assert local_target_date("assessment", date(2025, 4, 17)) == date(2025, 6, 11)
    with override_settings(HARBOUR_LOCAL_TARGETS={}):
        assert local_target_date("assessment", date(2025, 4, 17)) is None


def test_settings_targets_must_be_a_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines_module, "_configured_targets", lambda: [("assessment", 35)])
    with pytest.raises(TypeError, match="mapping"):
        local_target_date("assessment", date(2025, 4, 17))


# --- compute_deadline --------------------------------------------------------------------------


def test_compute_deadline() -> None:
    deadline = compute_deadline("assessment", date(2025, 4, 17), targets={"assessment": (35, WD)})
    assert deadline == Deadline(
        rule_id="assessment",
        clock_start=date(2025, 4, 17),
        statutory_due=date(2025, 6, 25),
        local_target_due=date(2025, 6, 11),
        unit=WD,
        calendar_version=calendar_version(),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.rule_id = "icpc"  # type: ignore[misc]


def test_compute_deadline_without_local_target_and_for_hours() -> None:
    returned = datetime(2025, 1, 3, 22, 0, tzinfo=LONDON)
    deadline = compute_deadline("return_home_interview", returned, targets={})
    assert deadline.statutory_due == datetime(2025, 1, 6, 22, 0, tzinfo=LONDON)
    assert deadline.local_target_due is None
    assert deadline.unit is Unit.HOURS
    assert deadline.clock_start == returned
