from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from audit.models import AuditEvent
from casework.chronology import collect
from core.worklist import work_items
from quality import queries, rules, services
from quality.models import CaseDirection, DirectionOutcome, DirectionReview, Standard, SupervisionSession
from quality.services import ActionRow, ReviewRow

from .conftest import day


def _direction(actor, session, person, owner, **extra):
    values = {
        "analysis": "Neglect is cumulative; school attendance is 61%.",
        "objectives": "Attendance above 90% within 8 weeks; home conditions improved.",
        "contingency": "If no change by the review, legal planning meeting.",
        "review_on": day(25),
        "actions": [ActionRow("Visit with the school nurse", owner, day(7))],
    }
    values.update(extra)
    return services.record_case_direction(actor=actor, session=session, person=person, **values)


def test_direction_goes_on_the_record_with_its_actions_and_is_audited(
    told, team_manager, social_worker, session, allocated
):
    direction, people = told(lambda: _direction(team_manager, session, allocated, social_worker))
    assert people == {allocated.pk}
    assert direction.worker == social_worker and direction.given_by == team_manager
    assert [a.description for a in direction.actions.all()] == ["Visit with the school nurse"]
    assert AuditEvent.objects.filter(
        person=allocated, summary="Recorded a case direction in supervision"
    ).exists()


def test_direction_needs_objectives_and_a_review_after_the_session(
    team_manager, social_worker, session, child
):
    with pytest.raises(ValidationError):
        _direction(team_manager, session, child, social_worker, objectives=" ")
    with pytest.raises(ValidationError):
        _direction(team_manager, session, child, social_worker, review_on=session.held_on)
    with pytest.raises(ValidationError):
        _direction(
            team_manager, session, child, social_worker, actions=[ActionRow("x", social_worker, day(-30))]
        )
    assert not CaseDirection.objects.exists()


def test_only_managers_record_supervision_and_nobody_supervises_themselves(social_worker, team_manager):
    with pytest.raises(PermissionDenied):
        services.record_supervision(actor=social_worker, worker=team_manager, held_on=day(-1))
    with pytest.raises(ValidationError):
        services.record_supervision(actor=team_manager, worker=team_manager, held_on=day(-1))
    with pytest.raises(ValidationError):
        services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(1))


def test_action_in_my_work_until_done_then_gone(told, team_manager, social_worker, session, allocated):
    direction = _direction(team_manager, session, allocated, social_worker)
    [action] = direction.actions.all()
    titles = [i.title for i in work_items({allocated.pk}, timezone.localdate())]
    assert "Case direction action for Social Tester: Visit with the school nurse" in titles
    assert "Case direction due for review" in titles
    _, people = told(lambda: services.complete_action(actor=social_worker, action=action, done_on=day(0)))
    assert people == {allocated.pk}
    titles = [i.title for i in work_items({allocated.pk}, timezone.localdate())]
    assert not any("school nurse" in t for t in titles)
    with pytest.raises(ValidationError):
        services.complete_action(actor=social_worker, action=action, done_on=day(0))


def test_someone_else_cannot_mark_a_workers_action_done(
    team_manager, social_worker, other_worker, session, child
):
    [action] = _direction(team_manager, session, child, social_worker).actions.all()
    with pytest.raises(ValidationError):
        services.complete_action(actor=other_worker, action=action, done_on=day(0))
    services.complete_action(actor=team_manager, action=action, done_on=day(0))


def test_direction_in_the_chronology(team_manager, social_worker, session, child):
    _direction(team_manager, session, child, social_worker)
    events = [e for e in collect([child.pk]) if e.source == "quality.CaseDirection"]
    assert [e.kind for e in events] == ["supervision"]


def test_an_overdue_direction_shows_to_the_supervisor_until_reviewed_done(team_manager, social_worker, child):
    old = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-60))
    direction = _direction(team_manager, old, child, social_worker, review_on=day(-30), actions=[])
    assert [d.person for d in queries.overdue_directions(team_manager, timezone.localdate())] == [child]
    with pytest.raises(ValidationError) as refused:
        services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-2))
    assert f"review_{direction.pk}_outcome" in refused.value.message_dict
    assert SupervisionSession.objects.count() == 1
    services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=day(-2),
        reviews=[ReviewRow(direction, DirectionOutcome.DONE, "Attendance now 93%.")],
    )
    assert not queries.overdue_directions(team_manager, timezone.localdate()).exists()
    assert not queries.open_directions().exists()
    titles = [i.title for i in work_items({child.pk}, timezone.localdate())]
    assert not any(t.startswith("Case direction due for review") for t in titles)


def test_a_carried_direction_keeps_its_history_and_drifts(told, team_manager, social_worker, allocated):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-70))
    direction = _direction(team_manager, first, allocated, social_worker, review_on=day(-40), actions=[])
    second, people = told(
        lambda: services.record_supervision(
            actor=team_manager,
            worker=social_worker,
            held_on=day(-40),
            reviews=[
                ReviewRow(direction, DirectionOutcome.CARRIED, "Assessment delayed by illness.", day(-10))
            ],
        )
    )
    assert people == {allocated.pk}
    services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=day(-10),
        reviews=[ReviewRow(direction, DirectionOutcome.CARRIED, "Still waiting for the school.", day(20))],
    )
    [row] = queries.open_directions()
    assert (row.carried, row.originally_due, row.review_on) == (2, day(-40), day(20))
    assert [r.previous_review_on for r in row.reviews.all()] == [day(-40), day(-10)]
    assert queries.direction_counts([social_worker], timezone.localdate()) == {
        social_worker.pk: {"open": 1, "overdue": 0, "drifting": 1}
    }
    assert [d.pk for d in queries.carried_directions([social_worker])] == [direction.pk]
    titles = [i.title for i in work_items({allocated.pk}, timezone.localdate())]
    assert any("carried over 2 times, first due" in t for t in titles)
    assert (
        AuditEvent.objects.filter(
            person=allocated, summary="Reviewed a case direction in supervision: carried over"
        ).count()
        == 2
    )


def test_a_review_needs_a_note_and_a_new_date_to_carry_over(team_manager, social_worker, child):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    direction = _direction(team_manager, first, child, social_worker, review_on=day(-2), actions=[])
    key = f"review_{direction.pk}"
    cases = [
        (ReviewRow(direction, DirectionOutcome.CARRIED, "", None), {f"{key}_note", f"{key}_next_review_on"}),
        (ReviewRow(direction, DirectionOutcome.CARRIED, "Why", day(-1)), {f"{key}_next_review_on"}),
        (ReviewRow(direction, DirectionOutcome.NOT_NEEDED, " "), {f"{key}_note"}),
        (ReviewRow(direction, DirectionOutcome.DONE, "", day(9)), {f"{key}_next_review_on"}),
        (ReviewRow(direction, "MAYBE"), {f"{key}_outcome"}),
    ]
    for row, fields in cases:
        with pytest.raises(ValidationError) as refused:
            services.record_supervision(
                actor=team_manager, worker=social_worker, held_on=day(-1), reviews=[row]
            )
        assert set(refused.value.message_dict) == fields
    assert not DirectionReview.objects.exists()
    services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=day(-1),
        reviews=[ReviewRow(direction, DirectionOutcome.NOT_NEEDED, "Child moved out of the area.")],
    )
    assert DirectionReview.objects.get().outcome == DirectionOutcome.NOT_NEEDED


def test_standard_every_4_weeks_and_fortnightly_for_newly_qualified_early_in_post(make_user):
    standard = Standard(in_force_from=day(-1000))
    experienced = make_user(Role.SOCIAL_WORKER, "exp")
    newly = make_user(Role.SOCIAL_WORKER, "nq", newly_qualified=True)
    newly.date_joined = timezone.now() - timedelta(days=60)
    assert rules.supervision_due(experienced, day(-20), standard) == day(8)
    assert rules.supervision_due(newly, day(-20), standard) == day(-6)
    assert rules.supervision_state(newly, day(-20), timezone.localdate(), standard).overdue
    newly.date_joined = timezone.now() - timedelta(days=400)
    assert rules.supervision_due(newly, day(-20), standard) == day(8)


def test_the_authoritys_standard_is_data(db):
    assert rules.standard_on(timezone.localdate()).supervision_days == 28
    Standard.objects.create(in_force_from=day(-1), supervision_days=21)
    assert rules.standard_on(timezone.localdate()).supervision_days == 21
    assert rules.standard_on(day(-2)).supervision_days == 28


def test_supervision_page_lists_supervisees_overdue_first(client_for, team_manager, social_worker, make_user):
    late = make_user(Role.SOCIAL_WORKER, "late.worker", first_name="Lee", last_name="Late")
    late.date_joined = timezone.now() - timedelta(days=60)
    late.save()
    services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-3))
    body = client_for(team_manager).get(reverse("quality:supervision")).content.decode()
    assert body.index("Lee Late") < body.index("Social Tester")
    assert "Overdue by" in body and "Within standard" in body


def test_manager_records_supervision_then_a_direction_through_the_forms(
    client_for, team_manager, social_worker, allocated
):
    client = client_for(team_manager)
    held = day(-1)
    response = client.post(
        reverse("quality:new_session"),
        {
            "worker": social_worker.pk,
            "held_on-day": held.day,
            "held_on-month": held.month,
            "held_on-year": held.year,
            "reflective": "Talked about the weight of the neglect cases.",
        },
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    page = client.get(reverse("quality:worker", args=[social_worker.pk])).content.decode()
    assert "weight of the neglect cases" in page
    path = reverse("quality:new_direction", args=[allocated.pk]) + f"?session={session.pk}"
    review, due = day(20), day(5)
    data = {
        "analysis": "Drift: nothing has changed since the conference.",
        "objectives": "Core group every 4 weeks; parenting assessment started.",
        "review_on-day": review.day,
        "review_on-month": review.month,
        "review_on-year": review.year,
        "action_1": "Book the parenting assessment",
        "action_1_owner": social_worker.pk,
        "action_1_due_on-day": due.day,
        "action_1_due_on-month": due.month,
        "action_1_due_on-year": due.year,
    }
    missing_owner = {k: v for k, v in data.items() if k != "action_1_owner"}
    response = client.post(path, missing_owner)
    assert response.status_code == 400
    assert "Drift: nothing has changed" in response.content.decode()
    assert client.post(path, data).status_code == 302
    record = client.get(reverse("people:oversight", args=[allocated.pk])).content.decode()
    full = reverse("quality:person_oversight", args=[allocated.pk])
    assert "Open case directions" in record and full in record  # the summary, and the rest a link away
    record = client.get(full).content.decode()
    assert "Core group every 4 weeks" in record and "Book the parenting assessment" in record
    my_work = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "Book the parenting assessment" in my_work


def test_a_worker_cannot_read_another_workers_reflective_notes(
    client_for, session, social_worker, other_worker, team_manager, make_user
):
    assert client_for(other_worker).get(reverse("quality:worker", args=[social_worker.pk])).status_code == 403
    own = client_for(social_worker).get(reverse("quality:worker", args=[social_worker.pk])).content.decode()
    assert "weighing on them" in own
    outsider_manager = make_user(Role.TEAM_MANAGER, "other.manager", team=None)
    assert (
        client_for(outsider_manager).get(reverse("quality:worker", args=[social_worker.pk])).status_code
        == 403
    )
    assert rules.may_read_reflective(team_manager, session)
    assert not rules.may_read_reflective(other_worker, session)


def test_a_worker_cannot_record_supervision_or_directions(client_for, social_worker, session, child):
    client = client_for(social_worker)
    assert client.get(reverse("quality:new_session")).status_code == 403
    path = reverse("quality:new_direction", args=[child.pk]) + f"?session={session.pk}"
    assert client.get(path).status_code == 403


def test_direction_for_a_session_not_the_managers_is_refused(client_for, make_user, session, child):
    stranger = make_user(Role.TEAM_MANAGER, "stranger.manager", team=None)
    path = reverse("quality:new_direction", args=[child.pk]) + f"?session={session.pk}"
    response = client_for(stranger).get(path)
    assert response.status_code == 302 and response.url == reverse("quality:supervision")


def test_supervision_sessions_visible_only_to_those_involved(
    session, social_worker, other_worker, team_manager
):
    assert list(queries.sessions_for(social_worker)) == [session]
    assert list(queries.sessions_for(team_manager)) == [session]
    assert not queries.sessions_for(other_worker).exists()


def _carried_twice(team_manager, social_worker, child):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-70))
    direction = _direction(team_manager, first, child, social_worker, review_on=day(-40), actions=[])
    for held, to in ((day(-40), day(-10)), (day(-10), day(-3))):
        services.record_supervision(
            actor=team_manager,
            worker=social_worker,
            held_on=held,
            reviews=[ReviewRow(direction, DirectionOutcome.CARRIED, "Waiting for the school.", to)],
        )
    return direction


def _date(name, value):
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


def test_recording_supervision_lists_the_open_directions_to_review(
    client_for, team_manager, social_worker, allocated
):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    direction = _direction(team_manager, first, allocated, social_worker, review_on=day(-2), actions=[])
    client = client_for(team_manager)
    path = reverse("quality:new_session") + f"?worker={social_worker.pk}"
    page = client.get(path).content.decode()
    assert f"What became of the direction for {allocated.display_name}" in page
    key = f"review_{direction.pk}"
    data = {"worker": social_worker.pk, **_date("held_on", day(-1))}
    response = client.post(path, data)
    assert response.status_code == 400
    assert f"Select what became of the direction for {allocated.display_name}" in response.content.decode()
    response = client.post(
        path, {**data, f"{key}_outcome": "CARRIED", f"{key}_note": "Await the CAMHS report."}
    )
    assert response.status_code == 400
    assert "Enter the new review date for the direction carried over" in response.content.decode()
    assert not SupervisionSession.objects.filter(held_on=day(-1)).exists()
    response = client.post(
        path,
        {
            **data,
            f"{key}_outcome": "CARRIED",
            f"{key}_note": "Await the CAMHS report.",
            **_date(f"{key}_next_review_on", day(14)),
        },
    )
    assert response.status_code == 302
    review = DirectionReview.objects.get()
    assert (review.outcome, review.next_review_on, review.previous_review_on) == ("CARRIED", day(14), day(-2))
    page = client.get(reverse("quality:worker", args=[social_worker.pk])).content.decode()
    assert "Earlier directions reviewed" in page and "Await the CAMHS report." in page


def test_choosing_the_worker_first_then_reviewing_on_the_second_save(
    client_for, team_manager, social_worker, allocated
):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    _direction(team_manager, first, allocated, social_worker, actions=[])
    response = client_for(team_manager).post(
        reverse("quality:new_session"), {"worker": social_worker.pk, **_date("held_on", day(-1))}
    )
    assert response.status_code == 400
    assert f"What became of the direction for {allocated.display_name}" in response.content.decode()


def test_drift_shows_on_the_managers_and_the_workers_lists_only(
    client_for, team_manager, social_worker, other_worker, allocated
):
    _carried_twice(team_manager, social_worker, allocated)
    managers = client_for(team_manager).get(reverse("quality:supervision")).content.decode()
    assert "Directions carried over" in managers and "Drift" in managers
    assert allocated.display_name in managers
    workers = client_for(social_worker).get(reverse("quality:supervision")).content.decode()
    assert "Your directions carried over" in workers and "Drift" in workers
    others = client_for(other_worker).get(reverse("quality:supervision")).content.decode()
    assert "carried over" not in others and allocated.display_name not in others
    record = client_for(social_worker).get(reverse("people:oversight", args=[allocated.pk])).content.decode()
    assert "Carried over 2 times" in record  # the open direction in the summary
    full = client_for(social_worker).get(reverse("quality:person_oversight", args=[allocated.pk]))
    assert (
        "Carried over 2 times" in full.content.decode() and "Waiting for the school." in full.content.decode()
    )


def test_a_directions_review_is_in_the_chronology(team_manager, social_worker, child):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    direction = _direction(team_manager, first, child, social_worker, review_on=day(-2), actions=[])
    services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=day(-1),
        reviews=[ReviewRow(direction, DirectionOutcome.CARRIED, "Await the CAMHS report.", day(14))],
    )
    [event] = [e for e in collect([child.pk]) if e.source == "quality.DirectionReview"]
    assert (event.kind, event.occurred_on) == ("supervision", day(-1))
    assert event.title == "Case direction reviewed in supervision: carried over"
    assert "Await the CAMHS report." in event.summary


def test_a_direction_for_a_restricted_child_is_reviewed_without_the_childs_name(
    client_for, make_user, team_manager, social_worker, allocated
):
    from people.tests.factories import restrict

    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    _direction(team_manager, first, allocated, social_worker, review_on=day(-2), actions=[])
    senior = make_user(Role.SERVICE_MANAGER, "senior.manager", team=None)
    restrict(senior, allocated, named_users=[social_worker])
    page = client_for(team_manager).get(reverse("quality:new_session") + f"?worker={social_worker.pk}")
    body = page.content.decode()
    assert "What became of the direction for a child with a restricted record" in body
    assert allocated.display_name not in body
    managers = client_for(team_manager).get(reverse("quality:supervision")).content.decode()
    assert allocated.display_name not in managers
