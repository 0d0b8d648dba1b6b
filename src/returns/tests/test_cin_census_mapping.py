"""Every mapping from Harbour's recorded values to CIN census items, and every code Harbour
can record accepted by the DfE rule that checks it."""

from datetime import date

import pytest

from codes import cin as cin_codes
from codes import person as person_codes
from returns.cin_census import build, mapping, validate

from .cin_cohort import YEAR, make_cohort


def test_census_period_runs_from_1_april_to_31_march():
    assert mapping.census_period(2026) == (date(2025, 4, 1), date(2026, 3, 31))


def test_dates_and_booleans_are_written_as_the_schema_types():
    assert mapping.iso(date(2025, 4, 1)) == "2025-04-01"
    assert mapping.iso(None) is None
    assert (mapping.boolean(True), mapping.boolean(False)) == ("true", "false")


@pytest.mark.parametrize(
    ("recorded", "unborn", "sex", "gender"),
    [
        ("M", False, "M", "1"),
        ("F", False, "F", "2"),
        ("U", False, "U", "0"),
        ("F", True, "U", "0"),
        ("", False, "U", "0"),
    ],
)
def test_sex_and_gender_current(recorded, unborn, sex, gender):
    assert mapping.sex(recorded, unborn=unborn) == sex
    assert mapping.gender_current(recorded, unborn=unborn) == gender


def test_upn_unknown_reason():
    assert mapping.upn_unknown("UN2", upn="A201000012345", all_nfa=True) is None
    assert mapping.upn_unknown("UN2", upn="", all_nfa=True) == "UN2"
    assert mapping.upn_unknown("", upn="", all_nfa=True) == "UN7"
    assert mapping.upn_unknown("", upn="", all_nfa=False) is None


def test_icpc_not_required_only_when_the_enquiry_concluded_none_was_needed_by_31_march():
    end = date(2026, 3, 31)
    assert mapping.icpc_not_required("CIN", date(2026, 3, 1), end) is True
    assert mapping.icpc_not_required("NFA", date(2026, 3, 1), end) is True
    assert mapping.icpc_not_required("ICPC", date(2026, 3, 1), end) is False
    assert mapping.icpc_not_required("", None, end) is False
    assert mapping.icpc_not_required("NFA", date(2026, 4, 1), end) is False


def test_dates_after_the_reference_date_leave_the_item_open():
    end = date(2026, 3, 31)
    assert mapping.within(date(2026, 3, 31), end) == date(2026, 3, 31)
    assert mapping.within(date(2026, 4, 1), end) is None
    assert mapping.within(None, end) is None


def test_a_child_born_after_the_reference_date_was_unborn_then():
    end = date(2026, 3, 31)
    assert mapping.birth(date(2026, 5, 2), None, end) == (None, date(2026, 5, 2))
    assert mapping.birth(date(2020, 5, 2), None, end) == (date(2020, 5, 2), None)
    assert mapping.birth(None, date(2026, 6, 1), end) == (None, date(2026, 6, 1))


@pytest.fixture
def cohort(db, make_user):
    return make_cohort(make_user)


def _codes_accepted(person, rule: str, change) -> list[str]:  # type: ignore[no-untyped-def]
    """The codes for which `rule` reports nothing on this child, after `change(code)`."""
    refused = []
    for code in change.codes:
        change(code)
        output = build(YEAR, person_ids=[person.pk])
        if [f for f in validate(output, YEAR, rules=[rule]) if f.source is not None]:
            refused.append(code)
    return refused


class _Update:
    def __init__(self, codes, apply):  # type: ignore[no-untyped-def]
        self.codes, self.apply = [c.code for c in codes], apply

    def __call__(self, code: str) -> None:
        self.apply(code)


def test_every_recorded_code_is_accepted_by_the_dfe_rules(cohort):
    from assessments.models import Assessment
    from frontdoor.models import Referral
    from people.models import Person, PersonDisability
    from protection.models import CPPlan

    child = cohort.protected
    referral = Referral.objects.filter(person=child).order_by("-referral_date").first()
    plan = CPPlan.objects.filter(person=child).order_by("-start_date").first()
    assessment = Assessment.objects.filter(referral=referral).get()
    disability = PersonDisability.objects.get(person=child)
    checks = {
        "4220": _Update(
            person_codes.ETHNICITY, lambda c: Person.objects.filter(pk=child.pk).update(ethnicity=c)
        ),
        "8866": _Update(
            cin_codes.REFERRAL_SOURCE, lambda c: Referral.objects.filter(pk=referral.pk).update(source=c)
        ),
        "8650": _Update(
            cin_codes.PRIMARY_NEED, lambda c: Referral.objects.filter(pk=referral.pk).update(primary_need=c)
        ),
        "8905": _Update(
            cin_codes.ABUSE_CATEGORY, lambda c: CPPlan.objects.filter(pk=plan.pk).update(category=c)
        ),
        "8540": _Update(
            person_codes.DISABILITY,
            lambda c: PersonDisability.objects.filter(pk=disability.pk).update(code=c),
        ),
        "8897Q": _Update(
            cin_codes.ASSESSMENT_FACTOR,
            lambda c: Assessment.objects.filter(pk=assessment.pk).update(factors=[c]),
        ),
        "4180": _Update(person_codes.SEX, lambda c: Person.objects.filter(pk=child.pk).update(sex=c)),
    }
    for rule, change in checks.items():
        assert _codes_accepted(child, rule, change) == [], rule


def test_every_closure_reason_is_accepted(cohort):
    from frontdoor.models import Referral

    referral = Referral.objects.get(person=cohort.assessed)
    refused = []
    for code in cin_codes.CLOSURE_REASON:
        Referral.objects.filter(pk=referral.pk).update(closure_reason=code.code)
        output = build(YEAR, person_ids=[cohort.assessed.pk])
        assert output.tables["CINdetails"].rows[0][6] == code.code
        if validate(output, YEAR, rules=["8640"]):
            refused.append(code.code)
    assert refused == []


def test_a_code_the_dfe_does_not_know_is_reported(cohort):
    from people.models import Person

    Person.objects.filter(pk=cohort.assessed.pk).update(ethnicity="XXXX")
    findings = validate(build(YEAR, person_ids=[cohort.assessed.pk]), YEAR, rules=["4220"])
    assert [f.rule_code for f in findings] == ["4220"]
    assert findings[0].source.person_id == cohort.assessed.pk
