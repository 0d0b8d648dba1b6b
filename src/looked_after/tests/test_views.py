import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from casework import services as casework
from core.tests.form_data import date_input
from core.worklist import work_items
from looked_after import services
from looked_after.models import CareEpisode, MissingEpisode, PeriodOfCare, Placement
from looked_after.services import ActionDetails

from .factories import hold_review, take_into_care

PLACEMENT = {
    "placement_type": "U4",
    "provider": "PR1",
    "carer_name": "Mr and Mrs Okafor",
    "postcode": "L8 1AB",
    "in_area": "yes",
    "distance_miles": "2.5",
    "visit_regime": "STANDARD",
}


def test_start_of_care_page_records_period_and_episode_when_valid(client_for, social_worker, child):
    client = client_for(social_worker)
    url = reverse("looked_after:start", args=[child.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **date_input("start_date", date(2024, 3, 14)),
            "legal_status": "C2",
            "category_of_need": "N1",
            **PLACEMENT,
        },
    )
    assert response.status_code == 302
    episode = CareEpisode.objects.get(person=child)
    assert (episode.reason_new_episode, episode.placement.distance_miles) == ("S", 2.5)


def test_start_of_care_page_keeps_typed_values_when_input_is_bad(client_for, social_worker, child):
    response = client_for(social_worker).post(
        reverse("looked_after:start", args=[child.pk]),
        {
            **date_input("start_date", date(2024, 3, 14)),
            "legal_status": "",
            "category_of_need": "N1",
            **PLACEMENT,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Mr and Mrs Okafor" in html and "Select the legal status" in html
    assert not PeriodOfCare.objects.exists()


def test_start_of_care_page_is_refused_when_user_is_an_iro(client_for, make_user, child):
    iro = make_user(Role.IRO, "iro.x")
    assert client_for(iro).get(reverse("looked_after:start", args=[child.pk])).status_code == 403


def test_change_page_records_placement_move_with_reason_when_child_moves(
    client_for, social_worker, in_care, child
):
    data = {
        **date_input("on", date(2024, 5, 1)),
        "legal_status": "",
        "placement_changed": "on",
        "reason_for_change": "CREQB",
    }
    data.update({f"new-{k}": v for k, v in PLACEMENT.items()} | {"new-carer_name": "Ms Reid"})
    response = client_for(social_worker).post(reverse("looked_after:change", args=[child.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    old = Placement.objects.get(person=child, carer_name="Mr and Mrs Okafor")
    assert (old.end_date, old.reason_for_change) == (date(2024, 5, 1), "CREQB")
    assert CareEpisode.objects.filter(person=child).order_by("-start_date").first().reason_new_episode == "P"


def test_change_page_asks_for_placement_when_moved_without_details(client_for, social_worker, in_care, child):
    data = {**date_input("on", date(2024, 5, 1)), "placement_changed": "on", "reason_for_change": "CREQB"}
    response = client_for(social_worker).post(reverse("looked_after:change", args=[child.pk]), data)
    assert response.status_code == 400
    assert CareEpisode.objects.filter(person=child).count() == 1


def test_timeline_shows_episodes_reviews_and_due_items_when_in_care(
    client_for, social_worker, in_care, child, iro, team_manager
):
    services.allocate_iro(actor=team_manager, person=child, iro=iro, start_date=date(2024, 3, 15))
    hold_review(iro, in_care, actions=[ActionDetails("Social worker", "Arrange contact", date(2024, 5, 1))])
    services.record_screening(
        actor=social_worker, person=child, screened_on=date(2024, 4, 1), score=10, review_on=date(2024, 7, 1)
    )
    services.record_screening(
        actor=social_worker, person=child, screened_on=date(2024, 7, 1), score=15, review_on=date(2024, 10, 1)
    )
    html = client_for(social_worker).get(reverse("looked_after:timeline", args=[child.pk])).content.decode()
    assert "Started to be looked after" in html and "Arrange contact" in html
    assert "Second looked-after review" in html and "↑ up" in html and "Irene Oduya" in html


def test_person_page_shows_the_children_in_care_panel_when_in_care(client_for, social_worker, in_care, child):
    html = client_for(social_worker).get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Mr and Mrs Okafor" in html and "Next review" in html and "15 April 2024" in html


def test_first_review_is_on_the_iro_page_when_allocated(client_for, team_manager, iro, child, social_worker):
    take_into_care(social_worker, child, timezone.localdate())
    services.allocate_iro(actor=team_manager, person=child, iro=iro, start_date=timezone.localdate())
    html = client_for(iro).get(reverse("looked_after:iro")).content.decode()
    assert "My review schedule" in html and "Amelia Hughes" in html and "First looked-after review" in html


def test_missing_without_rhi_after_72_hours_is_overdue_in_worklist(social_worker, in_care, child):
    now = timezone.now()
    services.record_missing_episode(
        actor=social_worker,
        person=child,
        kind="M",
        started_at=now - timedelta(days=5),
        ended_at=now - timedelta(days=4),
    )
    today = timezone.localdate()
    rhi = [i for i in work_items([child.pk], today) if i.rule_id == "return_home_interview"]
    assert len(rhi) == 1 and rhi[0].is_overdue(today)


def test_held_return_interview_leaves_the_worklist_when_recorded(client_for, social_worker, in_care, child):
    now = timezone.now()
    episode = services.record_missing_episode(
        actor=social_worker,
        person=child,
        kind="M",
        started_at=now - timedelta(days=5),
        ended_at=now - timedelta(days=4),
    )
    held = timezone.localtime(now - timedelta(days=3))
    response = client_for(social_worker).post(
        reverse("looked_after:update_missing", args=[episode.pk]),
        {
            **date_input("rhi_held_on", held.date()),
            "rhi_held_time": held.strftime("%H:%M"),
            "rhi_by": "Barnardo's",
            "version": str(episode.version),
        },
    )
    assert response.status_code == 302, re.findall(r'href="#[^"]*">([^<]*)<', response.content.decode())
    assert MissingEpisode.objects.get().rhi_held_at is not None
    assert not [
        i for i in work_items([child.pk], timezone.localdate()) if i.rule_id == "return_home_interview"
    ]


def test_cla_visit_moves_the_next_visit_due_when_recorded(social_worker, in_care, child):
    before = [
        i for i in work_items([child.pk], timezone.localdate()) if i.rule_id.startswith("placement_visit")
    ]
    assert before[0].due == date(2024, 3, 21)
    casework.record_visit(
        actor=social_worker,
        person=child,
        kind="CLA",
        visited_on=date(2024, 3, 20),
        child_seen=True,
        seen_alone=True,
    )
    after = [
        i for i in work_items([child.pk], timezone.localdate()) if i.rule_id.startswith("placement_visit")
    ]
    assert after[0].due == date(2024, 5, 1)


@pytest.mark.parametrize(
    "name", ["looked_after:team", "looked_after:iro", "looked_after:health", "looked_after:virtual_school"]
)
def test_lists_render_when_children_are_in_care(client_for, make_user, in_care, name):
    manager = make_user(Role.SERVICE_MANAGER, "sm.lists")
    assert client_for(manager).get(reverse(name)).status_code == 200


def test_virtual_school_view_shows_education_items_only(client_for, make_user, in_care):
    manager = make_user(Role.SERVICE_MANAGER, "sm.vs")
    html = client_for(manager).get(reverse("looked_after:virtual_school")).content.decode()
    assert "Personal education plan" in html and "health assessment" not in html.lower()


def test_record_forms_render_when_in_care(client_for, social_worker, in_care, child):
    client = client_for(social_worker)
    for name in (
        "change",
        "end",
        "plans",
        "record_health",
        "record_pep",
        "record_missing",
        "record_screening",
    ):
        assert client.get(reverse(f"looked_after:{name}", args=[child.pk])).status_code == 200, name


def test_review_page_records_review_when_iro_posts(client_for, iro, in_care, child):
    response = client_for(iro).post(
        reverse("looked_after:record_review", args=[child.pk]),
        {
            **date_input("held_on", date(2024, 4, 10)),
            "participation": "PN1",
            "iro_met_child": "yes",
            "action_1_who": "SW",
            "action_1_what": "Book dentist",
            **date_input("action_1_due", date(2024, 5, 1)),
        },
    )
    assert response.status_code == 302, re.findall(r'href="#[^"]*">([^<]*)<', response.content.decode())
    assert in_care.reviews.get().actions.get().what == "Book dentist"
