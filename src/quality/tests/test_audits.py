import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from casework.chronology import collect
from core.worklist import work_items
from quality import services
from quality.models import AuditQuestion, AuditTool, CaseAudit
from quality.services import ActionRow

from .conftest import day
from .factories import answers_for, make_audit


@pytest.fixture
def tool(db):
    return AuditTool.objects.get(name="Practice quality audit")


@pytest.fixture
def second_auditor(make_user):
    return make_user(Role.AUDITOR, "second.auditor", first_name="Sunita", last_name="Second")


def test_the_authoritys_tool_has_the_six_themes_as_data(tool):
    titles = list(tool.sections.values_list("title", flat=True))
    assert titles[0] == "The child's voice" and "SMART planning" in titles and len(titles) == 6


def test_audit_keeps_the_worker_and_team_and_is_on_the_chronology(
    told, auditor_user, tool, allocated, social_worker, team
):
    audit, people = told(lambda: make_audit(auditor_user, allocated, tool))
    assert people == {allocated.pk}
    assert (audit.worker, audit.team) == (social_worker, team)
    assert audit.answers.count() == 6
    [event] = [e for e in collect([allocated.pk]) if e.source == "quality.CaseAudit"]
    assert event.kind == "audit" and event.title == "Case audit: good"


def test_every_question_needs_a_grade_and_evidence(auditor_user, tool, child):
    answers = answers_for(tool)
    first = next(iter(answers))
    answers[first] = ("GOOD", " ")
    with pytest.raises(ValidationError) as refused:
        make_audit(auditor_user, child, tool, answers=answers)
    assert f"q{first}_evidence" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        make_audit(
            auditor_user.__class__.objects.create(username="sw", role=Role.SOCIAL_WORKER.value), child, tool
        )
    assert not CaseAudit.objects.exists()


def test_moderation_by_a_second_auditor_keeps_both_grades(told, auditor_user, second_auditor, tool, child):
    audit = make_audit(auditor_user, child, tool)
    with pytest.raises(ValidationError):
        services.moderate_audit(actor=auditor_user, audit=audit, moderated_on=day(0), agreed_grade="GOOD")
    with pytest.raises(ValidationError):
        services.moderate_audit(
            actor=second_auditor, audit=audit, moderated_on=day(0), agreed_grade="REQUIRES_IMPROVEMENT"
        )
    moderation, people = told(
        lambda: services.moderate_audit(
            actor=second_auditor,
            audit=audit,
            moderated_on=day(0),
            agreed_grade="REQUIRES_IMPROVEMENT",
            comments="No contingency in the plan: cannot be good.",
        )
    )
    assert people == {child.pk}
    audit.refresh_from_db()
    assert (audit.grade, audit.moderation.agreed_grade, moderation.agrees) == (
        "GOOD",
        "REQUIRES_IMPROVEMENT",
        False,
    )


def test_audit_action_reaches_the_workers_my_work(
    told, auditor_user, tool, allocated, social_worker, client_for
):
    audit = make_audit(auditor_user, allocated, tool)
    action, people = told(
        lambda: services.add_audit_action(
            actor=auditor_user,
            audit=audit,
            action=ActionRow("Add a contingency to the plan", social_worker, day(14)),
            set_on=day(0),
        )
    )
    assert people == {allocated.pk}
    titles = [i.title for i in work_items({allocated.pk}, timezone.localdate())]
    assert "Case audit action for Social Tester: Add a contingency to the plan" in titles
    body = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "Add a contingency to the plan" in body


def test_auditor_completes_an_audit_through_the_form(client_for, auditor_user, tool, child):
    client = client_for(auditor_user)
    path = reverse("quality:new_audit", args=[child.pk])
    page = client.get(path)
    assert page.status_code == 200 and "Is the child seen, and seen alone" in page.content.decode()
    on = day(-1)
    data = {"audited_on-day": on.day, "audited_on-month": on.month, "audited_on-year": on.year}
    for q in AuditQuestion.objects.filter(section__tool=tool):
        data[f"q{q.pk}_grade"] = "GOOD"
        data[f"q{q.pk}_evidence"] = f"Evidence {q.pk}"
    data["learning"] = "Voice of the child strong."
    response = client.post(path, data)
    assert response.status_code == 400 and "Voice of the child strong." in response.content.decode()
    response = client.post(path, {**data, "grade": "GOOD"})
    audit = CaseAudit.objects.get()
    assert response.status_code == 302 and response.url == reverse("quality:audit", args=[audit.pk])
    assert "Voice of the child strong." in client.get(response.url).content.decode()
    listing = client.get(reverse("quality:audits")).content.decode()
    assert child.la_child_id in listing and "Awaiting moderation" in listing
    assert "Grades by team over the last year" in listing


def test_moderation_and_actions_pages_refuse_other_roles(
    client_for, auditor_user, social_worker, tool, child
):
    audit = make_audit(auditor_user, child, tool)
    worker = client_for(social_worker)
    assert worker.get(reverse("quality:moderate", args=[audit.pk])).status_code == 403
    assert worker.get(reverse("quality:new_audit_action", args=[audit.pk])).status_code == 403
    assert worker.get(reverse("quality:audits")).status_code == 403
    assert worker.get(reverse("quality:audit", args=[audit.pk])).status_code == 200


def test_grades_by_team_count_the_moderated_grade(auditor_user, second_auditor, tool, allocated):
    from quality.queries import grades_by_team

    first = make_audit(auditor_user, allocated, tool)
    make_audit(auditor_user, allocated, tool, grade="INADEQUATE")
    services.moderate_audit(
        actor=second_auditor,
        audit=first,
        moderated_on=day(0),
        agreed_grade="OUTSTANDING",
        comments="Exemplary.",
    )
    assert grades_by_team(day(-30), day(0)) == [("Assessment Team 1", [1, 0, 0, 1])]
