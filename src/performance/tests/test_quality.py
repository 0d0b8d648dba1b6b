"""The practice-quality indicators are `quality.measures`, a row per child: the same figures."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.permissions import Role
from performance.catalogue.quality import rows
from performance.periods import as_at, collection_year, collection_year_ending, month
from quality import measures, services
from quality.measures import Measure
from quality.models import AuditTool
from quality.services import ActionRow
from quality.tests.factories import make_audit


def test_rows_are_one_per_child_in_the_denominator_with_the_numerator_hit():
    measure = Measure(2, 3, included=(7, 7, 9), counted=(7, 9), subject="child")
    found = rows(measure, date(2026, 3, 31), "Case audit")
    assert [(r.subject_id, r.hit) for r in found] == [(7, True), (7, False), (9, True)]


def test_audit_indicators_agree_with_the_quality_measures(
    figure, auditor_user, make_user, social_worker, child
):
    today = timezone.localdate()
    tool = AuditTool.objects.get()
    audited_on = today.replace(day=1)
    audit = make_audit(auditor_user, child, tool, audited_on=audited_on)
    this_month = month(today.year, today.month)
    assert figure("audit_good_or_better", this_month).value == 100
    services.moderate_audit(
        actor=make_user(Role.AUDITOR, "second"),
        audit=audit,
        moderated_on=audited_on,
        agreed_grade="INADEQUATE",
        comments="Unsafe plan.",
    )
    good = figure("audit_good_or_better", this_month)
    assert (good.numerator, good.denominator, good.children) == (0, 1, {child.pk})
    agreement = figure("audit_moderation_agreement", this_month)
    expected = measures.moderation_agreement(this_month.start, this_month.end)
    assert (
        (agreement.numerator, agreement.denominator) == (expected.numerator, expected.denominator) == (0, 1)
    )

    services.add_audit_action(
        actor=auditor_user,
        audit=audit,
        action=ActionRow("Strategy discussion", social_worker, audited_on + timedelta(days=1)),
        set_on=audited_on,
    )
    overdue = figure("audit_actions_overdue", as_at(audited_on + timedelta(days=2)))
    assert (overdue.numerator, overdue.denominator) == (1, 1)
    assert figure("audit_actions_overdue", as_at(audited_on)).numerator == 0


def test_oversight_indicator_counts_allocated_children_as_the_measure_does(figure, child):
    today = timezone.localdate()
    found = figure("oversight_within_standard", as_at(today))
    expected = measures.oversight_within_standard(today)
    assert (found.numerator, found.denominator) == (expected.numerator, expected.denominator)


def test_a_figure_as_at_the_end_of_a_year_still_running_is_taken_as_at_today(
    figure, auditor_user, social_worker, child
):
    """An action due tomorrow is not overdue yet: the year's figure does not read the clock on
    31 March to come, when every open action would be late."""
    today = timezone.localdate()
    audit = make_audit(auditor_user, child, AuditTool.objects.get(), audited_on=today)
    services.add_audit_action(
        actor=auditor_user,
        audit=audit,
        action=ActionRow("Update the plan", social_worker, today + timedelta(days=1)),
        set_on=today,
    )
    this_year = collection_year(collection_year_ending(today))
    overdue = figure("audit_actions_overdue", this_year)
    assert (overdue.numerator, overdue.denominator) == (0, 1)
