"""No lost update on any edit form (core.versioning, ADR 0009).

Two people (or one person in two tabs) open the same edit form. One saves. The other then
saves what they typed:
nothing is overwritten, the page answers 409 with both versions side by side and keeps what
the second worker typed; saving again, knowingly, keeps theirs. A POST without the version
the form was opened at is refused with a clear message.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from core.tests.form_data import date_input
from core.versioning import StaleEdit, claim_edit


def _version(body: str) -> str:
    tag = next(t for t in re.findall(r"<input[^>]*>", body) if 'name="version"' in t)
    found = re.search(r'value="(\d+)"', tag)
    assert found, tag
    return found.group(1)


@dataclass
class EditForm:
    """One edit form: its URL, a valid POST (without the field that differs), the field the
    two workers change and how to read the saved value back."""

    url: str
    post: dict[str, str]
    field: str
    saved: Callable[[], Any]
    user: Any = None  # who edits, if not the child's social worker


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def referral(child, social_worker):
    from protection.tests.factories import make_referral

    return make_referral(child, social_worker, date(2025, 1, 6))


def _cin_plan(child, social_worker, referral) -> EditForm:
    from cin import services
    from cin.models import CINPlan

    plan = services.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))
    return EditForm(
        reverse("cin:plan_edit", args=[plan.pk]),
        {"goals": "Amelia goes to school every day"},
        "worries",
        lambda: CINPlan.objects.get(pk=plan.pk).worries,
    )


def _cin_action(child, social_worker, referral) -> EditForm:
    from cin import services
    from cin.models import CINPlanAction

    plan = services.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))
    action = services.add_cin_action(
        actor=social_worker,
        plan=plan,
        data={"what": "Attend school", "who_person": "Mum", "who_agency": "Family", "serves": "Education"},
    )
    return EditForm(
        reverse("cin:action_edit", args=[action.pk]),
        {
            "who_person": "Mum",
            "who_agency": "Family",
            "serves": "Education",
            **date_input("by_when", date(2025, 7, 1)),
        },
        "what",
        lambda: CINPlanAction.objects.get(pk=action.pk).what,
    )


def _cp_plan(child, social_worker, referral) -> EditForm:
    from protection.models import CPPlan
    from protection.tests.factories import initial_conference, start_s47

    s47 = start_s47(referral, social_worker, held_on=date(2025, 1, 8))
    chair = type(social_worker).objects.create_user(username="cp.chair.conflict", role=Role.CP_CHAIR.value)
    plan = initial_conference(referral, chair, s47, held_on=date(2025, 1, 20)).plan
    assert plan is not None
    return EditForm(
        reverse("protection:plan_edit", args=[plan.pk]),
        {"goals": "Amelia is safe at home"},
        "worries",
        lambda: CPPlan.objects.get(pk=plan.pk).worries,
    )


def _assessment(child, social_worker, referral) -> EditForm:
    from assessments import services
    from assessments.models import Assessment

    assessment = services.start_assessment(
        actor=social_worker, referral=referral, start_date=date(2025, 1, 7)
    )
    return EditForm(
        reverse("assessments:edit", args=[assessment.pk]),
        {"identity": "Amelia is proud of her Welsh grandmother"},
        "analysis",
        lambda: Assessment.objects.get(pk=assessment.pk).analysis,
    )


def _care_leaver(child, social_worker, referral) -> EditForm:
    from care_leavers.models import CareLeaver

    return EditForm(
        reverse("care_leavers:edit_record", args=[child.pk]),
        {"recorded_category": "FORMER_RELEVANT"},
        "vacation_accommodation",
        lambda: CareLeaver.objects.get(person=child).vacation_accommodation,
    )


def _missing_episode(child, social_worker, referral) -> EditForm:
    from looked_after import services
    from looked_after.models import MissingEpisode
    from looked_after.tests.factories import foster

    services.start_care(
        actor=social_worker,
        person=child,
        start_date=date(2024, 3, 14),
        legal_status="V2",
        category_of_need="N1",
        placement=foster(),
    )
    now = timezone.now()
    episode = services.record_missing_episode(
        actor=social_worker, person=child, kind="M", started_at=now - timedelta(days=5)
    )
    returned = timezone.localtime(now - timedelta(days=4))
    interviewed = timezone.localtime(now - timedelta(days=3))
    return EditForm(
        reverse("looked_after:update_missing", args=[episode.pk]),
        {
            **date_input("ended_on", returned.date()),
            "ended_time": returned.strftime("%H:%M"),
            **date_input("rhi_held_on", interviewed.date()),
            "rhi_held_time": interviewed.strftime("%H:%M"),
        },
        "rhi_by",
        lambda: MissingEpisode.objects.get(pk=episode.pk).rhi_by,
    )


def _early_help_worker(social_worker: Any) -> Any:
    from accounts.models import Team, TeamKind

    team = Team.objects.create(name="Early Help East", kind=TeamKind.EARLY_HELP)
    return type(social_worker).objects.create_user(
        username="eh.conflict", role=Role.EARLY_HELP.value, team=team, first_name="Erin", last_name="Hale"
    )


def _lead_professional(child, social_worker, referral) -> EditForm:
    from early_help import services
    from early_help.models import EarlyHelpEpisode

    worker = _early_help_worker(social_worker)
    episode = services.start_episode(
        actor=worker, person=child, start_date=date(2025, 2, 3), reason="Routines"
    )
    return EditForm(
        reverse("early_help:lead_professional", args=[episode.pk]),
        {"agency": "Oak Primary School"},
        "name",
        lambda: EarlyHelpEpisode.objects.get(pk=episode.pk).lead_professional_name,
        user=worker,
    )


def _early_help_assessment(child, social_worker, referral) -> EditForm:
    from early_help import services
    from early_help.models import EarlyHelpAssessment

    worker = _early_help_worker(social_worker)
    episode = services.start_episode(
        actor=worker, person=child, start_date=date(2025, 2, 3), reason="Routines"
    )
    services.record_assessment(actor=worker, episode=episode, started_on=date(2025, 2, 10))
    return EditForm(
        reverse("early_help:assessment", args=[episode.pk]),
        date_input("started_on", date(2025, 2, 10)),
        "outcome",
        lambda: EarlyHelpAssessment.objects.get(episode=episode).outcome,
        user=worker,
    )


FORMS = {
    "child in need plan": _cin_plan,
    "child in need plan action": _cin_action,
    "child protection plan": _cp_plan,
    "assessment": _assessment,
    "care leaver details": _care_leaver,
    "missing episode": _missing_episode,
    "early help lead professional": _lead_professional,
    "early help assessment": _early_help_assessment,
}


@pytest.mark.parametrize("make", FORMS.values(), ids=FORMS.keys())
def test_second_save_shows_both_versions_and_overwrites_nothing(make, child, social_worker, referral):
    form = make(child, social_worker, referral)
    editor = form.user or social_worker
    first, second = _signed_in(editor), _signed_in(editor)
    opened = first.get(form.url)
    assert opened.status_code == 200
    version = _version(opened.content.decode())
    assert second.get(form.url).status_code == 200

    saved = second.post(
        form.url, {**form.post, form.field: "Saved by the first to press save", "version": version}
    )
    assert saved.status_code == 302

    stale = first.post(form.url, {**form.post, form.field: "Typed by the second worker", "version": version})
    body = stale.content.decode()
    assert stale.status_code == 409
    assert "Someone else changed this record while you were editing it" in body
    assert "What changed while you were editing" in body
    assert "Saved by the first to press save" in body and "Typed by the second worker" in body
    assert form.saved() == "Saved by the first to press save"  # nothing overwritten

    again = first.post(
        form.url, {**form.post, form.field: "Typed by the second worker", "version": _version(body)}
    )
    assert again.status_code == 302  # saving again, knowingly, keeps theirs
    assert form.saved() == "Typed by the second worker"


@pytest.mark.parametrize("make", FORMS.values(), ids=FORMS.keys())
def test_post_without_the_version_is_refused_with_a_clear_message(make, child, social_worker, referral):
    form = make(child, social_worker, referral)
    before = _saved_or_none(form)
    response = _signed_in(form.user or social_worker).post(form.url, {**form.post, form.field: "No version"})
    assert response.status_code == 400
    assert "This form is out of date. Go back to the record and open it again." in response.content.decode()
    assert _saved_or_none(form) == before


def _saved_or_none(form: EditForm) -> Any:
    try:
        return form.saved()
    except ObjectDoesNotExist:  # the care leaver record before it is first saved
        return None


def test_care_leaver_record_created_meanwhile_is_a_conflict(child, social_worker, referral):
    from care_leavers import services
    from care_leavers.models import CareLeaver

    form = _care_leaver(child, social_worker, referral)
    client = _signed_in(social_worker)
    assert _version(client.get(form.url).content.decode()) == "0"  # no record yet
    services.record_care_leaver(
        actor=social_worker,
        person=child,
        data={"recorded_category": "RELEVANT", "vacation_accommodation": "Aunt"},
    )
    response = client.post(form.url, {**form.post, form.field: "Halls", "version": "0"})
    assert response.status_code == 409
    assert CareLeaver.objects.get(person=child).vacation_accommodation == "Aunt"


def test_claim_edit_counts_each_change_and_refuses_a_stale_version(referral, social_worker):
    from cin import services

    plan = services.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))
    assert plan.version == 1
    services.update_cin_plan(actor=social_worker, plan=plan, worries="a", goals="b", expected_version=1)
    plan.refresh_from_db()
    assert plan.version == 2
    with pytest.raises(StaleEdit) as stale:
        claim_edit(plan, 1)
    assert stale.value.current.worries == "a"
    services.update_cin_plan(actor=social_worker, plan=plan, worries="c", goals="d")  # not from a form
    plan.refresh_from_db()
    assert (plan.version, plan.worries) == (3, "c")


def test_early_help_assessment_completed_meanwhile_cannot_be_changed(child, social_worker, referral):
    from early_help import services
    from early_help.models import EarlyHelpAssessment

    form = _early_help_assessment(child, social_worker, referral)
    client = _signed_in(form.user)
    version = _version(client.get(form.url).content.decode())
    assessment = EarlyHelpAssessment.objects.get()
    services.record_assessment(
        actor=form.user,
        episode=assessment.episode,
        assessment=assessment,
        started_on=date(2025, 2, 10),
        completed_on=date(2025, 3, 3),
        outcome="Support plan agreed",
    )
    response = client.post(form.url, {**form.post, "outcome": "Typed meanwhile", "version": version})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Someone else completed this assessment while you were editing it" in body
    assert "Typed meanwhile" in body  # what was typed is kept
    assert EarlyHelpAssessment.objects.count() == 1  # no second assessment started by accident
