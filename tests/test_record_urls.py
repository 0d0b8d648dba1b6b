"""Every address that names a child's record goes through the one door, and a restricted
child reached through any of them gets the break-the-glass page and an audited refusal.

A view that loads a record by a key in its address is decorated with
`people.decorators.with_record` (records of one child, or of a contact's children) or
`with_person` (the child's own key): the decorators tag the view with the model they load,
which is how this test finds them. The walk runs against a small generated borough, which
has at least one record of every type an address can name; the record's child is
restricted, and a user whose role may use the page (but who is not named on the
restriction) asks for it.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import ROLE_PERMISSIONS, Role
from audit.models import AuditAction, AuditEvent
from people import services as people_services
from people.access import Purpose
from people.models import Person, RecordRestriction, RestrictionReason
from tests.urlwalk import KNOWN_KWARGS, Endpoint, walk_urls

AS_OF = date(2026, 1, 15)
# Keys in addresses that name no child's record (a user's own draft or notification, a return's
# build, a step's name, an indicator).
NOT_CHILD_RECORDS = frozenset({"draft_id", "notification_id", "run_id", "event", "indicator_id"})
# Pages keyed by a child that load them their own way, each with the reason.
OWN_DOOR = {
    "people:break_glass": "opens the record by breaking the glass: the door's own page",
}
# Roles that see a child only when involved (partners): refused for that reason first.
SKIP_ROLES = {Role.PARTNER}


def _record_endpoints() -> list[Endpoint]:
    return [e for e in walk_urls() if any(k not in KNOWN_KWARGS | NOT_CHILD_RECORDS for k in e.kwargs)]


def _person_endpoints() -> list[Endpoint]:
    return [e for e in walk_urls() if "person_id" in e.kwargs and e.name not in OWN_DOOR]


def test_every_address_naming_a_record_loads_it_through_with_record():
    offenders = [
        f"{e.name} ({e.route})"
        for e in _record_endpoints()
        if getattr(e.callback, "record_model", None) is None or e.callback.record_kwarg not in e.kwargs
    ]
    assert not offenders, "Load the record with people.decorators.with_record:\n" + "\n".join(offenders)


def test_every_address_naming_a_child_loads_them_through_with_person():
    offenders = [
        f"{e.name} ({e.route})"
        for e in _person_endpoints()
        if getattr(e.callback, "record_kwarg", None) != "person_id"
    ]
    assert not offenders, "Load the child with people.decorators.with_person:\n" + "\n".join(offenders)


def _records_the_demo_lacks() -> None:
    """Records of types the demo makes rarely or never, each for the first child in care: an
    IRO's escalation, an adoption plan, an independent visitor (through their services), and a
    deletion request (no demo record is past its retention period, so it is written here)."""
    from lifecycle.models import DeletionRequest
    from looked_after import services as care
    from looked_after.models import IROEscalation, PeriodOfCare
    from permanence import services as permanence
    from permanence.models import AdoptionCase
    from rights import services as rights
    from rights.models import IndependentVisitor

    manager = User.objects.filter(role=Role.TEAM_MANAGER.value, is_active=True).order_by("pk").first()
    period = PeriodOfCare.objects.filter(end_date__isnull=True).order_by("pk").first()
    child, on = period.person, max(period.start_date, AS_OF)
    if not IROEscalation.objects.exists():
        care.raise_escalation(actor=manager, period=period, raised_on=on, issue="Care plan not reviewed.")
    if not AdoptionCase.objects.exists():
        permanence.decide_adoption(actor=manager, person=child, adm_decision_date=on)
    if not IndependentVisitor.objects.exists():
        rights.match_independent_visitor(
            actor=manager, person=child, visitor_name="Sam Visitor", matched_on=on
        )
    if not DeletionRequest.objects.exists():
        DeletionRequest.objects.create(
            person=child,
            person_ref=child.la_child_id,
            rule_id="looked_after",
            retain_until=AS_OF,
            proposed_by=manager,
            proposed_at=timezone.now(),
        )


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_demo_data", "--children", "60", "--seed", "11", "--as-of", AS_OF.isoformat())
        _records_the_demo_lacks()
        yield
        transaction.set_rollback(True)


def _child_of(record) -> int:
    people = getattr(record, "person_id", None)
    if people is not None:
        return people
    return record.child_links.values_list("person_id", flat=True).first()


def _restrict(person_id: int, manager: User) -> None:
    if RecordRestriction.objects.filter(person_id=person_id, active=True).exists():
        return
    people_services.restrict_record(
        actor=manager,
        person=Person.objects.get(pk=person_id),
        reason=RestrictionReason.OTHER,
        details="Restricted for the record-address walk.",
        manager=manager,
        named_users=User.objects.none(),
    )


def _outsider(role: Role) -> User:
    return User.objects.create_user(
        username=f"outsider.{role.value}",
        password="harbour-test-password",  # noqa: S106
        first_name="Out",
        last_name="Sider",
        role=role.value,
    )


def _role_for(permission) -> Role | None:
    for role, granted in ROLE_PERMISSIONS.items():
        if role not in SKIP_ROLES and (permission is None or permission in granted):
            return role
    return None


@pytest.mark.django_db
def test_a_restricted_child_reached_through_any_record_address_gets_the_break_glass_page(borough, client):
    manager = User.objects.filter(role=Role.TEAM_MANAGER.value, is_active=True).order_by("pk").first()
    outsiders: dict[Role, User] = {}
    problems = []
    checked = 0
    for endpoint in _record_endpoints() + _person_endpoints():
        callback = endpoint.callback
        model = getattr(callback, "record_model", None)
        kwarg = getattr(callback, "record_kwarg", None)
        if kwarg is None:
            continue  # reported by the static tests above
        if callback.record_purpose == Purpose.AUDIT:
            continue  # the audit trail of a restricted record is the auditor's to read (ADR 0006)
        if model is None:
            model, record = Person, Person.objects.active().children().order_by("pk").first()
            person_id = record.pk
        else:
            record = model._default_manager.order_by("pk").first()
            if record is None:
                problems.append(f"{endpoint.name}: the generated borough has no {model.__name__}")
                continue
            person_id = _child_of(record)
        role = _role_for(endpoint.required)
        if role is None:
            problems.append(f"{endpoint.name}: no role holds {endpoint.required}")
            continue
        if role not in outsiders:
            outsiders[role] = _outsider(role)
        user = outsiders[role]
        _restrict(person_id, manager)
        values = {k: 1 for k in endpoint.kwargs} | {"event": "x", kwarg: record.pk}
        if "person_id" in endpoint.kwargs:
            values["person_id"] = person_id
        refusals = AuditEvent.objects.filter(
            action=AuditAction.REFUSED, actor=user, person_id=person_id
        ).count()
        client.force_login(user)
        response = client.get(endpoint.path(values))
        if response.status_code == 405:
            response = client.post(endpoint.path(values))
        checked += 1
        if response.status_code != 403 or b"This record is restricted" not in response.content:
            problems.append(f"{endpoint.name}: {response.status_code}, not the break-the-glass page")
            continue
        after = AuditEvent.objects.filter(action=AuditAction.REFUSED, actor=user, person_id=person_id).count()
        if after <= refusals:
            problems.append(f"{endpoint.name}: the refusal was not audited")
    assert checked > 50
    assert not problems, "\n".join(problems)
