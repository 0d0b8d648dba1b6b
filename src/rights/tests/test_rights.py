from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from core.tests.form_data import date_input
from core.workflow import TransitionRefused
from rights import clocks, services
from rights.models import ChildViews, ComplaintStatusChange
from rights.worklist import items


def test_stage_1_due_10_working_days_after_receipt_skipping_easter(social_worker, child):
    # Thu 17 Apr 2025 is day 0; Good Friday 18 Apr, Easter Monday 21 Apr and the May Day
    # holiday 5 May are skipped: Tue 22 Apr is WD 1 ... Fri 2 May WD 9, Tue 6 May WD 10
    c = services.receive_complaint(
        actor=social_worker, person=child, received_on=date(2025, 4, 17), made_by="Amelia", summary="x"
    )
    assert clocks.stage_due(c) == ("complaint_stage_1", date(2025, 5, 6))
    services.update_complaint(actor=social_worker, complaint=c, event="extend_stage_1", on=date(2025, 4, 25))
    # WD 11 is Wed 7 May ... WD 20 is Tue 20 May
    assert clocks.stage_due(c) == ("complaint_stage_1_extended", date(2025, 5, 20))


def test_stage_2_and_3_clocks(social_worker, child):
    c = services.receive_complaint(
        actor=social_worker, person=child, received_on=date(2025, 1, 6), made_by="Advocate", summary="x"
    )
    services.update_complaint(actor=social_worker, complaint=c, event="respond_stage_1", on=date(2025, 1, 10))
    assert clocks.stage_due(c) is None
    services.update_complaint(
        actor=social_worker, complaint=c, event="escalate_to_stage_2", on=date(2025, 1, 20)
    )
    assert clocks.stage_due(c) == ("complaint_stage_2", date(2025, 2, 24))  # 25 WD
    services.update_complaint(actor=social_worker, complaint=c, event="extend_stage_2", on=date(2025, 2, 1))
    assert clocks.stage_due(c) == (
        "complaint_stage_2_max",
        date(2025, 4, 23),
    )  # 13 weeks = Mon 21 Apr, +2 for Easter
    services.update_complaint(actor=social_worker, complaint=c, event="respond_stage_2", on=date(2025, 3, 3))
    services.update_complaint(
        actor=social_worker, complaint=c, event="escalate_to_stage_3", on=date(2025, 3, 10)
    )
    assert clocks.stage_due(c) == (
        "complaint_stage_3_panel",
        date(2025, 4, 23),
    )  # 6 weeks = Mon 21 Apr, +2 for Easter
    with pytest.raises(ValidationError):
        services.update_complaint(actor=social_worker, complaint=c, event="close", on=date(2025, 4, 1))
    services.update_complaint(
        actor=social_worker, complaint=c, event="close", on=date(2025, 4, 1), outcome="PARTLY"
    )
    assert list(ComplaintStatusChange.objects.filter(complaint=c).values_list("status", flat=True)) == [
        "STAGE_2",
        "STAGE_3",
        "CLOSED",
    ]


def test_complaint_cannot_skip_to_stage_3(social_worker, child):
    c = services.receive_complaint(
        actor=social_worker, person=child, received_on=date(2025, 1, 6), made_by="A", summary="x"
    )
    with pytest.raises(TransitionRefused):
        services.update_complaint(
            actor=social_worker, complaint=c, event="escalate_to_stage_3", on=date(2025, 1, 7)
        )
    with pytest.raises(ValidationError):
        services.update_complaint(actor=social_worker, complaint=c, event="hold_panel", on=date(2025, 1, 7))


def _record_views(actor, child, method: str = "APP", views: str = "x"):  # type: ignore[no-untyped-def]
    """The child's views given at a review on 6 January 2025, recorded by `actor`."""
    return services.record_child_views(
        actor=actor, person=child, given_on=date(2025, 1, 6), meeting="Review", method=method, views=views
    )


def test_rights_services_refused_without_permission(make_user, child):
    with pytest.raises(PermissionDenied):
        _record_views(make_user(Role.AUDITOR), child)


@pytest.mark.parametrize(("method", "views"), [("X", "x"), ("APP", " ")], ids=["unknown method", "no words"])
def test_child_views_need_their_words_and_a_method(social_worker, child, method, views):
    with pytest.raises(ValidationError):
        _record_views(social_worker, child, method, views)


def test_independent_visit_not_before_match(social_worker, child):
    iv = services.match_independent_visitor(
        actor=social_worker, person=child, visitor_name="Pat", matched_on=date(2025, 1, 6)
    )
    with pytest.raises(ValidationError):
        services.record_independent_visit(actor=social_worker, visitor=iv, visited_on=date(2025, 1, 5))
    services.record_independent_visit(actor=social_worker, visitor=iv, visited_on=date(2025, 2, 1))
    assert iv.visits.count() == 1


def test_advocacy_end_not_before_start(social_worker, child):
    with pytest.raises(ValidationError):
        services.refer_for_advocacy(
            actor=social_worker,
            person=child,
            referred_on=date(2025, 1, 6),
            reason="Review",
            started_on=date(2025, 1, 10),
            ended_on=date(2025, 1, 8),
        )


def test_views_form_records_and_person_page_lists_them(client_for, social_worker, child):
    client = client_for(social_worker)
    response = client.post(
        reverse("rights:new_views", args=[child.pk]),
        {
            **date_input("given_on", date(2025, 1, 6)),
            "meeting": "Looked-after review",
            "method": "DRAWING",
            "views": "I want to see my nan more",
        },
    )
    assert response.status_code == 302
    assert ChildViews.objects.get(person=child).method == "DRAWING"
    body = client.get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Rights and voice" in body and "I want to see my nan more" in body


def test_views_form_keeps_text_when_method_missing(client_for, social_worker, child):
    response = client_for(social_worker).post(
        reverse("rights:new_views", args=[child.pk]),
        {
            **date_input("given_on", date(2025, 1, 6)),
            "meeting": "Review",
            "views": "Keep me",
        },
    )
    assert response.status_code == 400
    assert "Keep me" in response.content.decode()


def test_complaint_step_page_404_for_unknown_step(client_for, social_worker, child):
    c = services.receive_complaint(
        actor=social_worker, person=child, received_on=date(2025, 1, 6), made_by="A", summary="x"
    )
    assert client_for(social_worker).get(f"/rights/complaints/{c.pk}/explode/").status_code == 404


def test_worklist_shows_open_complaint_stage(social_worker, child):
    services.receive_complaint(
        actor=social_worker, person=child, received_on=date(2025, 1, 6), made_by="A", summary="x"
    )
    found = list(items([child.pk], timezone.localdate()))
    assert [(i.rule_id, i.due) for i in found] == [("complaint_stage_1", date(2025, 1, 20))]


def test_every_service_says_the_childs_record_changed_when_it_commits(told, social_worker, child):
    sw = social_worker
    visitor, people = told(
        lambda: services.match_independent_visitor(
            actor=sw, person=child, visitor_name="Sam Visitor", matched_on=date(2025, 1, 6)
        )
    )
    complaint, also = told(
        lambda: services.receive_complaint(
            actor=sw, person=child, received_on=date(2025, 1, 6), made_by="Amelia", summary="x"
        )
    )
    calls = [
        lambda: services.refer_for_advocacy(
            actor=sw, person=child, referred_on=date(2025, 1, 6), reason="Review"
        ),
        lambda: services.record_independent_visit(actor=sw, visitor=visitor, visited_on=date(2025, 1, 20)),
        lambda: services.update_complaint(
            actor=sw, complaint=complaint, event="respond_stage_1", on=date(2025, 1, 10)
        ),
        lambda: services.update_complaint(
            actor=sw, complaint=complaint, event="escalate_to_stage_2", on=date(2025, 1, 20)
        ),
        lambda: services.record_child_views(
            actor=sw,
            person=child,
            given_on=date(2025, 1, 6),
            meeting="Review",
            method="IN_PERSON",
            views="I like it",
        ),
    ]
    assert people == also == {child.pk}
    assert [told(call)[1] for call in calls] == [{child.pk}] * len(calls)
