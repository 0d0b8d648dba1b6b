from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.permissions import Role
from core.workflow import TransitionRefused
from permanence import services
from permanence.models import (
    AdoptionStatusChange,
    CareProceedingsStatusChange,
    PreProceedingsStatusChange,
)
from permanence.queries import cancellations_by_who, current_limit


def test_issue_proceedings_stores_the_26_week_date_and_moves_plo_to_issued(social_worker, child):
    plo = services.start_pre_proceedings(actor=social_worker, person=child, decision_date=date(2024, 10, 1))
    p = services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    assert p.statutory_due == date(2025, 7, 6)
    assert p.calendar_version
    plo.refresh_from_db()
    assert plo.status == "ISSUED" and plo.outcome_date == date(2025, 1, 6)
    assert PreProceedingsStatusChange.objects.filter(pre_proceedings=plo, event="issue").exists()


def test_issue_refused_when_proceedings_already_open(social_worker, child):
    services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    with pytest.raises(ValidationError):
        services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 2, 6))


def test_extension_moves_the_limit_and_needs_a_reason_and_at_most_8_weeks(social_worker, child):
    p = services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    with pytest.raises(ValidationError) as exc:
        services.extend_proceedings(
            actor=social_worker, proceedings=p, granted_on=date(2025, 6, 1), weeks=9, reason="x"
        )
    assert "weeks" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.extend_proceedings(
            actor=social_worker, proceedings=p, granted_on=date(2025, 6, 1), weeks=8, reason=" "
        )
    services.extend_proceedings(
        actor=social_worker,
        proceedings=p,
        granted_on=date(2025, 6, 1),
        weeks=8,
        reason="Expert assessment late",
    )
    assert current_limit(p) == date(2025, 8, 31)


def test_conclude_proceedings_records_outcome_once(social_worker, child):
    p = services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    services.conclude_proceedings(
        actor=social_worker, proceedings=p, concluded_on=date(2025, 6, 30), outcome="CO"
    )
    assert CareProceedingsStatusChange.objects.get(proceedings=p).status == "CONCLUDED"
    with pytest.raises(TransitionRefused):
        services.conclude_proceedings(
            actor=social_worker, proceedings=p, concluded_on=date(2025, 7, 1), outcome="CO"
        )


def test_permanence_services_refused_without_permission(make_user, child):
    auditor = make_user(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        services.issue_proceedings(actor=auditor, person=child, issue_date=date(2025, 1, 6))
    with pytest.raises(PermissionDenied):
        services.decide_adoption(actor=auditor, person=child, adm_decision_date=date(2025, 1, 6))


def test_order_end_must_not_precede_it(social_worker, child):
    with pytest.raises(ValidationError):
        services.record_order(
            actor=social_worker,
            person=child,
            order_type="ICO",
            made_on=date(2025, 1, 6),
            ended_on=date(2025, 1, 5),
        )
    order = services.record_order(
        actor=social_worker, person=child, order_type="PO", made_on=date(2025, 1, 6)
    )
    assert str(order).startswith("Placement order")


def test_adoption_runs_from_decision_to_order(social_worker, child):
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    services.advance_adoption(actor=social_worker, case=case, event="authorise", on=date(2024, 3, 1))
    services.advance_adoption(
        actor=social_worker,
        case=case,
        event="match",
        on=date(2024, 6, 1),
        details={"number_of_adopters": 2, "adopter_sex": "MF", "adopter_legal_status": "L11"},
    )
    services.advance_adoption(actor=social_worker, case=case, event="place", on=date(2024, 6, 20))
    services.advance_adoption(actor=social_worker, case=case, event="adopt", on=date(2024, 12, 2))
    case.refresh_from_db()
    assert case.status == "ADOPTED"
    assert (case.adopter_sex, case.number_of_adopters) == ("MF", 2)
    assert list(AdoptionStatusChange.objects.filter(adoption=case).values_list("event", flat=True)) == [
        "authorise",
        "match",
        "place",
        "adopt",
    ]


def test_adoption_reversed_needs_an_rd_reason(social_worker, child):
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    with pytest.raises(ValidationError):
        services.advance_adoption(actor=social_worker, case=case, event="reverse", on=date(2024, 5, 1))
    services.advance_adoption(
        actor=social_worker,
        case=case,
        event="reverse",
        on=date(2024, 5, 1),
        details={"reversed_reason": "RD2"},
    )
    case.refresh_from_db()
    assert (case.status, case.reversed_reason) == ("REVERSED", "RD2")


def test_adoption_step_refused_when_out_of_order_or_dated_before_previous(social_worker, child):
    case = services.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2024, 1, 10))
    with pytest.raises(TransitionRefused):
        services.advance_adoption(actor=social_worker, case=case, event="place", on=date(2024, 2, 1))
    with pytest.raises(ValidationError):
        services.advance_adoption(actor=social_worker, case=case, event="authorise", on=date(2024, 1, 9))


def test_previous_permanence_keeps_partial_date_and_clears_it_for_none(social_worker, child):
    row = services.record_previous_permanence(
        actor=social_worker, person=child, prev_perm="P2", la_perm="Leeds", date_perm="zz/03/2019"
    )
    assert row.date_perm == "zz/03/2019"
    row = services.record_previous_permanence(
        actor=social_worker, person=child, prev_perm="Z1", date_perm="zz/03/2019"
    )
    assert row.date_perm == ""
    with pytest.raises(ValidationError):
        services.record_previous_permanence(
            actor=social_worker, person=child, prev_perm="P1", date_perm="03/2019"
        )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def test_contact_refuses_double_booking_supervisor_and_room(social_worker, team_manager, child):
    day = timezone.localdate() + timedelta(days=3)
    args = {"actor": social_worker, "person": child, "with_whom": "Mother", "centre": "Harbour House"}
    services.schedule_contact(
        **args, room="Room 1", supervisor=team_manager, starts_at=_at(day, 10), ends_at=_at(day, 11)
    )
    with pytest.raises(ValidationError) as exc:
        services.schedule_contact(
            **args,
            room="Room 2",
            supervisor=team_manager,
            starts_at=_at(day, 10) + timedelta(minutes=30),
            ends_at=_at(day, 12),
        )
    assert "supervisor" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.schedule_contact(
            **args, room="room 1", supervisor=social_worker, starts_at=_at(day, 10), ends_at=_at(day, 11)
        )
    assert "room" in exc.value.error_dict
    # back-to-back is fine
    services.schedule_contact(
        **args, room="Room 1", supervisor=team_manager, starts_at=_at(day, 11), ends_at=_at(day, 12)
    )


def test_cancelled_session_frees_the_supervisor_and_is_reported_by_who_cancelled(
    social_worker, team_manager, child
):
    day = timezone.localdate() + timedelta(days=3)
    args = {
        "actor": social_worker,
        "person": child,
        "with_whom": "Father",
        "centre": "Harbour House",
        "room": "1",
    }
    s = services.schedule_contact(
        **args, supervisor=team_manager, starts_at=_at(day, 10), ends_at=_at(day, 11)
    )
    with pytest.raises(ValidationError):
        services.cancel_contact(actor=social_worker, session=s, cancelled_by="PARENT", reason="")
    services.cancel_contact(actor=social_worker, session=s, cancelled_by="PARENT", reason="Father unwell")
    services.schedule_contact(**args, supervisor=team_manager, starts_at=_at(day, 10), ends_at=_at(day, 11))
    report = {code: n for code, _, n in cancellations_by_who(day, day)}
    assert report["PARENT"] == 1 and report["LA"] == 0


def test_contact_cannot_be_held_before_it_starts(social_worker, team_manager, child):
    day = timezone.localdate() + timedelta(days=3)
    s = services.schedule_contact(
        actor=social_worker,
        person=child,
        with_whom="Mother",
        centre="C",
        room="1",
        supervisor=team_manager,
        starts_at=_at(day, 10),
        ends_at=_at(day, 11),
    )
    with pytest.raises(ValidationError):
        services.record_contact_held(actor=social_worker, session=s)


def test_every_service_says_the_childs_record_changed_when_it_commits(
    told, social_worker, team_manager, child
):
    sw, earlier = social_worker, timezone.now() - timedelta(days=1)

    def book(supervisor, starts_at):
        return services.schedule_contact(
            actor=sw,
            person=child,
            with_whom="Mother",
            centre="C",
            room=str(supervisor.pk),
            supervisor=supervisor,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
        )

    plo, first = told(
        lambda: services.start_pre_proceedings(actor=sw, person=child, decision_date=date(2024, 10, 1))
    )
    case, second = told(
        lambda: services.decide_adoption(actor=sw, person=child, adm_decision_date=date(2024, 1, 10))
    )
    held, third = told(lambda: book(team_manager, earlier))
    calls = [
        lambda: services.record_plo_meeting(actor=sw, plo=plo, held_on=date(2024, 10, 8)),
        lambda: services.step_down_pre_proceedings(actor=sw, plo=plo, outcome_date=date(2024, 11, 1)),
        lambda: services.issue_proceedings(actor=sw, person=child, issue_date=date(2025, 1, 6)),
        lambda: services.extend_proceedings(
            actor=sw,
            proceedings=child.care_proceedings.get(),
            granted_on=date(2025, 6, 1),
            weeks=4,
            reason="Late",
        ),
        lambda: services.record_order(actor=sw, person=child, order_type="ICO", made_on=date(2025, 1, 6)),
        lambda: services.conclude_proceedings(
            actor=sw, proceedings=child.care_proceedings.get(), concluded_on=date(2025, 6, 30), outcome="CO"
        ),
        lambda: services.advance_adoption(actor=sw, case=case, event="authorise", on=date(2024, 3, 1)),
        lambda: services.record_previous_permanence(actor=sw, person=child, prev_perm="Z1"),
        lambda: services.record_contact_held(actor=sw, session=held),
        lambda: services.cancel_contact(
            actor=sw, session=book(sw, earlier + timedelta(days=3)), cancelled_by="PARENT", reason="Unwell"
        ),
    ]
    assert first == second == third == {child.pk}
    assert [told(call)[1] for call in calls] == [{child.pk}] * len(calls)


def test_an_order_made_while_proceedings_are_open_belongs_to_them(social_worker, child):
    proceedings = services.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 1, 6))
    order = services.record_order(
        actor=social_worker, person=child, order_type="ICO", made_on=date(2025, 1, 8)
    )
    assert order.proceedings == proceedings
