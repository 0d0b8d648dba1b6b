"""The audit report: grades by month and by theme over the last year (the moderated grade where
there is one), and what the audits found, quoted for the children the reader may open."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from people.tests.factories import make_person
from quality import audit_report, services
from quality.models import AuditTool
from timescales import add_months

from .conftest import day
from .factories import answers_for, make_audit


@pytest.fixture
def tool(db):
    return AuditTool.objects.get(name="Practice quality audit")


@pytest.fixture
def audited(auditor_user, make_user, tool, social_worker):
    """Two audits this year: one good; one inadequate, moderated up to requires improvement."""
    first = make_person(social_worker, "Ava", "First")
    second = make_person(social_worker, "Ben", "Second")
    make_audit(auditor_user, first, tool, learning="Strong direct work with Ava.")
    weak = make_audit(
        auditor_user,
        second,
        tool,
        grade="INADEQUATE",
        answers=answers_for(tool, "INADEQUATE"),
        learning="No contingency plan; drift since the review.",
    )
    moderator = make_user(Role.AUDITOR, "moderator")
    services.moderate_audit(
        actor=moderator,
        audit=weak,
        moderated_on=day(-1),
        agreed_grade="REQUIRES_IMPROVEMENT",
        comments="Some evidence of progress in the plan.",
    )
    return first, second


def _year():
    end = timezone.localdate()
    return add_months(end.replace(day=1), -11), end


def test_grades_by_month_use_the_moderated_grade(audited):
    [month] = audit_report.by_month(*_year())
    assert month.counts == [0, 1, 1, 0] and month.good_or_better == 50


def test_grades_by_theme_follow_the_tools_sections(audited):
    themes = audit_report.by_theme(*_year())
    assert themes[0].label == "The child's voice" and len(themes) == 6
    assert all(t.counts == [0, 1, 0, 1] for t in themes)


def test_learning_below_good_first_and_only_of_children_the_reader_may_open(audited):
    first, second = audited
    quoted = audit_report.learning(*_year(), people={first.pk, second.pk})
    assert [q.text for q in quoted] == [
        "No contingency plan; drift since the review.",
        "Strong direct work with Ava.",
    ]
    assert quoted[0].grade == "Requires improvement"
    assert [q.text for q in audit_report.learning(*_year(), people={first.pk})] == [
        "Strong direct work with Ava."
    ]


def test_report_page_for_quality_roles_only(client_for, audited, make_user, social_worker):
    page = client_for(make_user(Role.PERFORMANCE, "perf")).get(reverse("quality:audit_report"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Grades by theme" in body and "SMART planning" in body and "No contingency plan" in body
    assert client_for(social_worker).get(reverse("quality:audit_report")).status_code == 403
