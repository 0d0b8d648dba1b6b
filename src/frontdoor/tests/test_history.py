"""The import of past contacts: the same rules as the single-record services, the status
history written through the declared machines."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Role
from core.workflow import Step, TransitionRefused, history_rows, opening_row
from frontdoor import services
from frontdoor.machines import ContactMachine
from frontdoor.models import Contact, ContactStatus, ContactStatusChange, Referral, ReferralStatus
from frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


def _historic(child, screener, fd_manager, received, **extra):
    return services.HistoricContact(
        received_at=received,
        channel=extra.pop("channel", "PHONE"),
        source="6",
        concern="Incident",
        consent=extra.pop("consent", "GIVEN"),
        person_ids=[child.pk],
        screened_by=screener,
        screened_at=extra.pop("screened_at", received + timedelta(hours=1)),
        threshold_level=extra.pop("level", "3"),
        decision=extra.pop("decision", "ASSESSMENT"),
        primary_need=extra.pop("primary_need", "N1"),
        screening_summary="s",
        decided_by=fd_manager,
        decided_at=received + timedelta(hours=3),
        manager_rationale="r",
        **extra,
    )


def test_bulk_history_opens_closes_and_links_referrals(child, screener, fd_manager):
    rows = [
        _historic(
            child, screener, fd_manager, at(2025, 1, 6), closure=services.Closure(date(2025, 3, 1), "RC8")
        ),
        _historic(child, screener, fd_manager, at(2025, 3, 10)),
        _historic(child, screener, fd_manager, at(2025, 3, 20)),
    ]
    contacts = services.bulk_record_decided_contacts(actor=fd_manager, rows=rows)
    referrals = list(Referral.objects.order_by("referral_date"))
    assert len(contacts) == 3 and len(referrals) == 2
    assert referrals[0].status == ReferralStatus.CLOSED and referrals[1].status == ReferralStatus.OPEN
    assert contacts[2].child_links.get().referral == referrals[1]
    assert [h.event for h in referrals[0].status_history.all()] == ["open", "close"]
    assert contacts[2].child_links.get().frequent_contacts is False


def test_bulk_history_writes_each_contacts_status_history_in_order(child, screener, fd_manager):
    received = at(2025, 1, 6)
    (contact,) = services.bulk_record_decided_contacts(
        actor=fd_manager, rows=[_historic(child, screener, fd_manager, received, decision="NFA", level="1")]
    )
    history = list(contact.status_history.order_by("occurred_at"))
    assert [(h.event, h.status, h.recorded_by) for h in history] == [
        ("receive", ContactStatus.RECEIVED, fd_manager),
        ("screen", ContactStatus.SCREENED, screener),
        ("confirm", ContactStatus.DECIDED, fd_manager),
    ]
    assert history[0].occurred_at == received and contact.status == ContactStatus.DECIDED
    assert not Referral.objects.exists()


def test_bulk_history_refused_when_screener_not_registered(child, make_user, fd_team, fd_manager):
    # The same refusal as screen_contact's (rules.check_screener).
    unqualified = make_user(Role.FRONT_DOOR, "fd.x", team=fd_team, registered_social_worker=False)
    with pytest.raises(PermissionDenied, match="registered social worker"):
        services.bulk_record_decided_contacts(
            actor=fd_manager, rows=[_historic(child, unqualified, fd_manager, at(2025, 1, 6))]
        )
    with pytest.raises(PermissionDenied):
        services.bulk_record_decided_contacts(actor=unqualified, rows=[])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"consent": "NOT_SOUGHT"}, "Explain why seeking consent would place the child at risk"),
        ({"channel": "PIGEON"}, "Select how the contact was received"),
        ({"primary_need": ""}, "Select the child's primary need for a referral"),
        ({"level": "9"}, "Select the threshold level"),
        ({"screened_at": at(2025, 1, 5)}, "Screening cannot be before the contact was received"),
        (
            {"closure": services.Closure(date(2025, 1, 1), "RC7")},
            "The closure date must be on or after the referral date",
        ),
        ({"closure": services.Closure(date(2025, 2, 1), "RC99")}, "Select the reason for closure"),
    ],
)
def test_bulk_history_refuses_a_row_the_services_would_refuse(child, screener, fd_manager, extra, message):
    row = _historic(child, screener, fd_manager, at(2025, 1, 6), **extra)
    with pytest.raises(ValidationError, match=f"Contact 1: .*{message}"):
        services.bulk_record_decided_contacts(actor=fd_manager, rows=[row])
    assert not Contact.objects.exists()


def test_bulk_history_refuses_what_record_contact_refuses_in_the_same_words(child, screener, fd_manager):
    row = _historic(child, screener, fd_manager, at(2025, 1, 6), consent="NOT_SOUGHT")
    with pytest.raises(ValidationError) as single:
        services.record_contact(
            actor=screener,
            received_at=row.received_at,
            channel=row.channel,
            source=row.source,
            concern=row.concern,
            consent=row.consent,
        )
    with pytest.raises(ValidationError) as bulk:
        services.bulk_record_decided_contacts(actor=fd_manager, rows=[row])
    assert single.value.messages[0] in bulk.value.messages[0]


def test_history_rows_follow_the_declared_machine(screener):
    contact = Contact(status=ContactStatus.RECEIVED)
    when = at(2025, 1, 6)
    rows = history_rows(
        contact,
        [Step("screen", screener, when), Step("confirm", screener, when)],
        machine_cls=ContactMachine,
        history_model=ContactStatusChange,
        history_fk="contact",
    )
    assert [(r.event, r.status) for r in rows] == [("screen", "SCREENED"), ("confirm", "DECIDED")]
    assert contact.status == ContactStatus.DECIDED
    with pytest.raises(TransitionRefused):
        history_rows(
            contact,
            [Step("screen", screener, when)],
            machine_cls=ContactMachine,
            history_model=ContactStatusChange,
            history_fk="contact",
        )


def test_opening_row_needs_the_machines_initial_status(screener):
    with pytest.raises(TransitionRefused):
        opening_row(
            Contact(status=ContactStatus.DECIDED),
            Step("receive", screener, at(2025, 1, 6)),
            machine_cls=ContactMachine,
            history_model=ContactStatusChange,
            history_fk="contact",
        )
