from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from core.tests.form_data import date_input
from looked_after.models import PeriodOfCare
from permanence import services
from permanence.models import CareProceedings, PreviousPermanence
from permanence.worklist import items


def test_person_page_shows_proceedings_over_26_weeks(client_for, social_worker, child):
    issued = timezone.localdate() - timedelta(weeks=30)
    services.issue_proceedings(actor=social_worker, person=child, issue_date=issued)
    body = client_for(social_worker).get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Permanence and court" in body and "Over limit" in body


def test_issue_form_records_proceedings(client_for, social_worker, child):
    response = client_for(social_worker).post(
        reverse("permanence:new_proceedings", args=[child.pk]),
        {
            **date_input("issue_date", date(2025, 1, 6)),
            "court_reference": "LV25C001",
        },
    )
    assert response.status_code == 302
    assert CareProceedings.objects.get(person=child).statutory_due == date(2025, 7, 6)


def test_extension_form_keeps_values_when_weeks_too_many(client_for, social_worker, child):
    p = services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    response = client_for(social_worker).post(
        reverse("permanence:extend", args=[p.pk]),
        {
            **date_input("granted_on", date(2025, 6, 1)),
            "weeks": "12",
            "reason": "Late expert",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "An extension must be between 1 and 8 weeks" in body and "Late expert" in body


def test_previous_permanence_form_shows_partial_date_error(client_for, social_worker, child):
    url = reverse("permanence:previous_permanence", args=[child.pk])
    response = client_for(social_worker).post(url, {"prev_perm": "P2", "date_perm": "2019"})
    assert response.status_code == 400
    response = client_for(social_worker).post(url, {"prev_perm": "P2", "date_perm": "zz/zz/2019"})
    assert response.status_code == 302
    assert PreviousPermanence.objects.get(person=child).date_perm == "zz/zz/2019"


def test_adoption_step_page_404_for_unknown_event(client_for, social_worker, child):
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    assert client_for(social_worker).get(f"/permanence/adoption/{case.pk}/explode/").status_code == 404
    response = client_for(social_worker).post(
        reverse("permanence:adoption_step", args=[case.pk, "authorise"]),
        date_input("on", date(2024, 3, 1)),
    )
    assert response.status_code == 302


def test_tracker_lists_children_with_a1_so_far(client_for, social_worker, child):
    PeriodOfCare.objects.create(
        person=child, start_date=date(2023, 1, 1), category_of_need="N1", created_by=social_worker
    )
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    services.advance_adoption(actor=social_worker, case=case, event="authorise", on=date(2024, 3, 1))
    response = client_for(social_worker).get(reverse("permanence:tracker"))
    assert response.status_code == 200
    body = response.content.decode()
    days = (timezone.localdate() - date(2023, 1, 1)).days
    assert "Amelia Hughes" in body and f">{days}" in body and "Find a match" in body


def test_tracker_refused_for_auditor(client_for, make_user):
    assert client_for(make_user(Role.AUDITOR)).get(reverse("permanence:tracker")).status_code == 403


def test_cancellations_report_counts_by_who(client_for, social_worker):
    response = client_for(social_worker).get(reverse("permanence:cancellations"))
    assert response.status_code == 200
    assert "Local authority" in response.content.decode()


def test_worklist_has_26_week_limit_and_first_adoption_review(social_worker, child):
    services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    services.advance_adoption(actor=social_worker, case=case, event="authorise", on=date(2024, 11, 30))
    found = {i.rule_id: i.due for i in items([child.pk], timezone.localdate())}
    assert found["care_proceedings"] == date(2025, 7, 6)
    assert found["adoption_review_first_not_placed"] == date(2025, 2, 28)


def _contact_post(supervisor_id: int, day: date, room: str = "Room 1") -> dict[str, str]:
    return {
        "with_whom": "Mother",
        "centre": "Harbour Family Centre",
        "room": room,
        "supervisor": str(supervisor_id),
        "day-day": str(day.day),
        "day-month": str(day.month),
        "day-year": str(day.year),
        "start_time": "10:00",
        "end_time": "11:30",
    }


def test_contact_form_books_then_refuses_double_booked_supervisor(
    client_for, social_worker, team_manager, child
):
    from permanence.models import ContactSession

    client = client_for(social_worker)
    url = reverse("permanence:new_contact", args=[child.pk])
    day = timezone.localdate() + timedelta(days=2)
    assert client.post(url, _contact_post(team_manager.pk, day)).status_code == 302
    response = client.post(url, _contact_post(team_manager.pk, day, room="Room 2"))
    assert response.status_code == 400
    assert "already supervising contact at that time" in response.content.decode()
    session = ContactSession.objects.get()
    response = client.post(
        reverse("permanence:cancel_contact", args=[session.pk]),
        {"cancelled_by": "CARER", "reason": "Car broke down"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancelled_by) == ("CANCELLED", "CARER")
