import random
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from quality import rules, services, worklist
from quality.models import AuditTool, ProgrammeCase, SamplingRule
from quality.sampling import Candidate, assign, draw

from .conftest import day
from .factories import make_audit


def _c(n: int, team: int, kind: str = "cin", plans: int = 0) -> Candidate:
    return Candidate(person_id=n, worker_id=100 + team, team_id=team, kind=kind, cp_plans=plans)


def test_stratified_sample_takes_from_each_team_and_kind_before_any_twice():
    pool = [_c(n, 1) for n in range(1, 9)] + [_c(20, 2), _c(21, 2, "cp")]
    chosen = draw(SamplingRule.STRATIFIED, pool, 3, random.Random(1))
    assert {(c.team_id, c.kind) for c in chosen} == {(1, "cin"), (2, "cin"), (2, "cp")}


def test_theme_samples_only_children_on_a_second_plan_and_random_is_repeatable():
    pool = [_c(1, 1, plans=1), _c(2, 1, plans=2), _c(3, 2, plans=3)]
    assert {c.person_id for c in draw(SamplingRule.SECOND_CP_PLAN, pool, 5, random.Random(1))} == {2, 3}
    assert draw(SamplingRule.RANDOM, pool, 2, random.Random(7)) == draw(
        SamplingRule.RANDOM, pool, 2, random.Random(7)
    )


@pytest.mark.parametrize(
    ("month", "ends_on"),
    [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 14), date(2026, 2, 28)),
        (date(2028, 2, 29), date(2028, 2, 29)),
        (date(2026, 4, 30), date(2026, 4, 30)),
        (date(2026, 12, 9), date(2026, 12, 31)),
    ],
)
def test_a_programme_ends_on_the_last_day_of_its_month_when_given_any_day_in_it(month, ends_on):
    assert rules.programme_ends_on(month) == ends_on


def test_auditors_are_assigned_away_from_the_childs_team_and_evenly():
    sample = [_c(1, 1), _c(2, 1), _c(3, 2)]
    found = assign(sample, [(10, 1), (11, 2), (12, None)])
    assert found[1] != 10 and found[2] != 10 and found[3] != 11
    assert found[1] != found[2]


@pytest.fixture
def lead(make_user):
    return make_user(Role.AUDITOR, "qa.lead")


def test_programme_draws_allocated_children_and_an_audit_completes_their_place(
    lead, auditor_user, make_user, allocated, team
):
    elsewhere = Team.objects.create(name="Children in care 1", kind=TeamKind.CHILDREN_IN_CARE)
    away = make_user(Role.TEAM_MANAGER, "away.manager", team=elsewhere)
    tool = AuditTool.objects.get()
    programme = services.draw_programme(
        actor=lead, name="Monthly audit", month=day(0), tool=tool, rule="RANDOM", size=5
    )
    [case] = programme.cases.all()
    assert case.person == allocated and case.team == team and case.auditor in (lead, auditor_user, away)
    audit = make_audit(auditor_user, allocated, tool, audited_on=day(0))
    assert ProgrammeCase.objects.get().audit == audit


def test_programme_needs_the_leads_role_and_children_meeting_the_rule(lead, team_manager, allocated):
    tool = AuditTool.objects.get()
    with pytest.raises(PermissionDenied):
        services.draw_programme(actor=team_manager, name="x", month=day(0), tool=tool, rule="RANDOM", size=3)
    with pytest.raises(ValidationError):
        services.draw_programme(
            actor=lead, name="Second plans", month=day(0), tool=tool, rule="SECOND_CP_PLAN", size=3
        )


def test_lead_draws_a_programme_through_the_form_and_sees_it_listed(client_for, lead, allocated):
    client = client_for(lead)
    on = day(0)
    data = {
        "name": "December audit",
        "month-day": on.day,
        "month-month": on.month,
        "month-year": on.year,
        "tool": AuditTool.objects.get().pk,
        "rule": "STRATIFIED",
    }
    response = client.post(reverse("quality:new_programme"), data)
    assert response.status_code == 400 and "December audit" in response.content.decode()
    assert client.post(reverse("quality:new_programme"), {**data, "size": 4}).status_code == 302
    body = client.get(reverse("quality:audits")).content.decode()
    assert "December audit" in body and allocated.la_child_id in body
    assert (
        client_for(allocated.allocations.first().worker).get(reverse("quality:new_programme")).status_code
        == 403
    )


def test_the_worker_and_manager_are_invited_until_the_audit_is_done_and_it_says_who_took_part(
    client_for, lead, auditor_user, social_worker, team_manager, allocated
):
    from django.utils import timezone

    from core.worklist import work_items

    tool = AuditTool.objects.get()
    services.draw_programme(actor=lead, name="Monthly audit", month=day(0), tool=tool, rule="RANDOM", size=5)
    [item] = [
        i for i in work_items({allocated.pk}, timezone.localdate()) if i.rule_id == "quality_audit_invitation"
    ]
    assert item.title.startswith("Case audit invitation: take part in the audit with ")
    assert item.due == rules.programme_ends_on(day(0))
    assert (
        "Case audit invitation"
        in client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    )
    audit = make_audit(auditor_user, allocated, tool, audited_on=day(0), worker_took_part=True)
    assert (audit.worker_took_part, audit.manager_took_part) == (True, False)
    assert not [
        i for i in work_items({allocated.pk}, timezone.localdate()) if i.rule_id == "quality_audit_invitation"
    ]
    page = client_for(auditor_user).get(reverse("quality:audit", args=[audit.pk])).content.decode()
    assert "The worker</dd>" in page


def test_the_audit_asked_of_the_auditor_is_due_at_the_programmes_end_when_drawn_mid_month(
    lead, auditor_user, allocated
):
    programme = services.draw_programme(
        actor=lead,
        name="Monthly audit",
        month=day(0).replace(day=15),
        tool=AuditTool.objects.get(),
        rule="RANDOM",
        size=5,
    )
    [case] = programme.cases.all()
    [asked] = worklist.asked_of(case.auditor, day(0))
    assert programme.month == day(0).replace(day=1)
    assert asked.due == rules.programme_ends_on(programme.month) == rules.programme_ends_on(day(0))
