from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from people.tests.factories import make_person
from quality import measures, services
from quality.models import AuditTool
from quality.services import ActionRow
from quality.workload import caseloads
from workforce.tests.factories import allocate

from .conftest import day
from .factories import make_audit


def test_supervision_within_standard_counts_the_workers_behind_it(team_manager, social_worker, other_worker):
    for worker in (social_worker, other_worker):
        worker.date_joined = timezone.now() - timedelta(days=300)
        worker.save()
    services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-10))
    services.record_supervision(actor=team_manager, worker=other_worker, held_on=day(-40))
    found = measures.supervision_within_standard(timezone.localdate())
    assert (found.numerator, found.denominator) == (1, 2)
    assert found.counted == (social_worker.pk,) and found.subject == "worker"
    earlier = measures.supervision_within_standard(day(-20))
    assert (earlier.numerator, earlier.denominator) == (1, 2)
    assert earlier.counted == (other_worker.pk,)


def test_oversight_within_standard_over_allocated_children(team_manager, allocated):
    before = measures.oversight_within_standard(timezone.localdate())
    assert (before.numerator, before.denominator, before.included) == (0, 1, (allocated.pk,))
    services.record_oversight(
        actor=team_manager,
        person=allocated,
        point="ANY_TIME",
        decided_on=day(-3),
        decision="Continue the plan.",
        rationale="Progress on every outcome.",
        review_on=day(60),
    )
    after = measures.oversight_within_standard(timezone.localdate())
    assert (after.numerator, after.counted) == (1, (allocated.pk,))


def test_audit_measures_use_the_moderated_grade_and_count_agreement_and_overdue_actions(
    auditor_user, make_user, social_worker, child
):
    tool = AuditTool.objects.get()
    second = make_user(Role.AUDITOR, "second")
    audit = make_audit(auditor_user, child, tool, audited_on=day(-20))
    today = timezone.localdate()
    assert measures.audits_good_or_better(day(-30), today).numerator == 1
    services.moderate_audit(
        actor=second, audit=audit, moderated_on=day(-10), agreed_grade="INADEQUATE", comments="Unsafe plan."
    )
    good = measures.audits_good_or_better(day(-30), today)
    assert (good.numerator, good.denominator) == (0, 1)
    agreement = measures.moderation_agreement(day(-30), today)
    assert (agreement.numerator, agreement.denominator) == (0, 1)
    services.add_audit_action(
        actor=auditor_user,
        audit=audit,
        action=ActionRow("Strategy discussion", social_worker, day(-5)),
        set_on=day(-10),
    )
    overdue = measures.audit_actions_overdue(today)
    assert (overdue.numerator, overdue.denominator, overdue.counted) == (1, 1, (child.pk,))
    assert measures.audit_actions_overdue(day(-7)).numerator == 0


def test_weighted_caseload_weighs_each_child_by_the_kind_of_work(
    team_manager, social_worker, allocated, team
):
    load = caseloads([social_worker], timezone.localdate())[0]
    assert (load.children, load.weighted, load.rag, load.by_kind) == (1, Decimal("1.00"), "green", {"cin": 1})
    average = measures.average_caseload(timezone.localdate())
    assert (average.numerator, average.denominator) == (1, 1)
    assert measures.weighted_caseload(timezone.localdate()).numerator == Decimal("1.00")


def test_workload_page_for_managers_not_workers(client_for, team_manager, social_worker, allocated):
    body = client_for(team_manager).get(reverse("quality:workload")).content.decode()
    assert "Social Tester" in body and "Green" in body
    assert client_for(social_worker).get(reverse("quality:workload")).status_code == 403


def test_a_second_childs_allocation_adds_to_the_caseload(team_manager, social_worker, team, make_user):
    for given in ("Tobi", "Dayo"):
        child = make_person(social_worker, given, "Okafor", sex="M", ethnicity="BAFR")
        allocate(team_manager, child, social_worker, team, day(-5))
    assert caseloads([social_worker], timezone.localdate())[0].children == 2
