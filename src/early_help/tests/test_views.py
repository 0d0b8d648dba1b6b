from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.form_data import date_input
from early_help import services
from early_help.models import EarlyHelpEpisode

pytestmark = pytest.mark.django_db


def test_start_episode_page_and_panel(client_for, eh_worker, child):
    client = client_for(eh_worker)
    today = timezone.localdate()
    bad = client.post(
        reverse("early_help:start", args=[child.pk]), {"entry_route": "DIRECT", "reason": "Typed reason"}
    )
    assert bad.status_code == 400 and "Typed reason" in bad.content.decode()
    ok = client.post(
        reverse("early_help:start", args=[child.pk]),
        {**date_input("start_date", today), "entry_route": "DIRECT", "reason": "Support"},
    )
    episode = EarlyHelpEpisode.objects.get()
    assert ok.status_code == 302 and ok.url == reverse("early_help:episode", args=[episode.pk])
    page = client.get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Early help" in page and reverse("early_help:episode", args=[episode.pk]) in page


def test_start_episode_refused_for_front_door(client_for, screener_user, child):
    assert client_for(screener_user).get(reverse("early_help:start", args=[child.pk])).status_code == 403


def test_episode_forms_and_waiting_list(client_for, eh_worker, episode):
    client = client_for(eh_worker)
    today = timezone.localdate()
    assert (
        client.post(
            reverse("early_help:meeting", args=[episode.pk]),
            {**date_input("held_on", today), "attended": "Mum\nMr Jones, School", "absent": "Dr Lee, GP"},
        ).status_code
        == 302
    )
    assert episode.meetings.get().attendance.count() == 3
    assert (
        client.post(
            reverse("early_help:add_action", args=[episode.pk]),
            {"what": "Course", "who": "Mum", **date_input("by_when", today + timedelta(days=30))},
        ).status_code
        == 302
    )
    requested = today - timedelta(days=12)
    assert (
        client.post(
            reverse("early_help:request_fgc", args=[episode.pk]), date_input("requested_on", requested)
        ).status_code
        == 302
    )
    home = client.get(reverse("early_help:home")).content.decode()
    assert "12" in home and episode.person.display_name in home
    body = client.get(reverse("early_help:episode", args=[episode.pk])).content.decode()
    assert "Waiting 12 days" in body and "did not attend" in body


def test_step_up_page_sends_contact(client_for, eh_worker, episode):
    today = timezone.localdate()
    response = client_for(eh_worker).post(
        reverse("early_help:step_up", args=[episode.pk]),
        {**date_input("handover_date", today), "reason": "Neglect", "summary": "Worse"},
    )
    episode.refresh_from_db()
    assert response.status_code == 302 and episode.status == "CLOSED" and episode.handovers.get().contact


def test_end_page_rejects_missing_reason(client_for, eh_worker, episode):
    response = client_for(eh_worker).post(
        reverse("early_help:end", args=[episode.pk]), date_input("end_date", timezone.localdate())
    )
    assert response.status_code == 400


def test_fgc_outcome_and_action_completion_pages(client_for, eh_worker, episode):
    today = timezone.localdate()
    fgc = services.request_fgc(actor=eh_worker, episode=episode, requested_on=today)
    action = services.add_plan_action(actor=eh_worker, episode=episode, what="x", who="y", by_when=today)
    client = client_for(eh_worker)
    assert (
        client.post(
            reverse("early_help:fgc_outcome", args=[fgc.pk]), {"held": "yes", **date_input("on", today)}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("early_help:complete_action", args=[action.pk]), date_input("completed_on", today)
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("early_help:lead_professional", args=[episode.pk]),
            {"name": "Mrs P", "agency": "School", "version": episode.version},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("early_help:review", args=[episode.pk]),
            {**date_input("reviewed_on", today), "progress": "Good"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("early_help:assessment", args=[episode.pk]),
            {**date_input("started_on", today), "version": 0},
        ).status_code
        == 302
    )
