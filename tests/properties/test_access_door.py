"""Property-based test (Hypothesis) of the access door: over random roles, purposes,
restrictions, break-the-glass grants, allocations, access grants and merged records, the door
(`people.access.get_person_for`) lets in exactly whom the rule below says, raises the right
refusal and writes exactly one audit row for the outcome; and the door's set-based forms, read
by lists and search (`may_open`, `openable_ids`, `restricted_from`, `visible_people`), agree
with it, writing nothing.

`_expected` restates the rule from the brief's words (the role's permission for the purpose;
partner agencies only into records they are involved with; a restricted record only for its
manager, its named users and a current break-the-glass grant; an existing restriction changed
only by its manager) so that the door is checked against the rule, not against itself.
"""

from dataclasses import dataclass
from datetime import timedelta
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.permissions import INVOLVEMENT_ONLY_ROLES, Permission, Role
from audit.models import AuditAction, AuditEvent
from people import access
from people.access import PURPOSE_PERMISSION, Purpose, RecordMerged, RestrictedRecord
from people.models import AccessGrant, BreakGlassAccess, Person, RecordRestriction, RecordStatus
from people.tests.factories import make_person
from workforce.models import Allocation, AllocationReason, AllocationRole

pytestmark = pytest.mark.django_db

_serial = count()


@dataclass(frozen=True)
class World:
    role: Role
    purpose: Purpose
    restriction: str  # none, inactive, manager, named, other
    break_glass: str  # none, current, expired
    allocation: str  # none, current, ended, future
    grant: str  # none, current, expired, future
    merged: bool


WORLDS = st.builds(
    World,
    role=st.sampled_from(list(Role)),
    purpose=st.sampled_from(list(Purpose)),
    restriction=st.sampled_from(["none", "inactive", "manager", "named", "other"]),
    break_glass=st.sampled_from(["none", "current", "expired"]),
    allocation=st.sampled_from(["none", "current", "ended", "future"]),
    grant=st.sampled_from(["none", "current", "expired", "future"]),
    merged=st.booleans(),
)


def _expected(world: World, user: User) -> tuple[bool, str]:
    """(let in, why not) by the rule in words."""
    if not user.has_perm(PURPOSE_PERMISSION[world.purpose].value):
        return False, "role"
    if world.purpose == Purpose.AUDIT:
        return True, ""
    involved = world.allocation == "current" or world.grant == "current"
    if world.role in INVOLVEMENT_ONLY_ROLES and not involved:
        return False, "not involved"
    if _shut_out(world):
        return False, "restricted"
    if world.purpose == Purpose.RESTRICT and world.restriction in ("named", "other"):
        return False, "restriction's manager only"
    return True, ""


def _shut_out(world: World) -> bool:
    """A restriction in force that does not name the user and no current break-the-glass."""
    return world.restriction == "other" and world.break_glass != "current"


def _build(world: World, recorder: User, other_manager: User) -> tuple[User, Person]:
    n = next(_serial)
    user = User.objects.create_user(
        username=f"door.{n}",
        password="harbour-test-password",  # noqa: S106
        first_name="Door",
        last_name=f"Tester{n}",
        role=world.role.value,
        team=recorder.team,
    )
    person = make_person(
        recorder, "Dora", f"Property{n}", date_of_birth=timezone.localdate() - timedelta(days=3000)
    )
    today = timezone.localdate()
    now = timezone.now()
    if world.restriction != "none":
        restriction = RecordRestriction.objects.create(
            person=person,
            reason="OTHER",
            manager=user if world.restriction == "manager" else other_manager,
            active=world.restriction != "inactive",
        )
        if world.restriction == "named":
            restriction.named_users.add(user)
    if world.break_glass != "none":
        expires = now + timedelta(hours=1) if world.break_glass == "current" else now - timedelta(hours=1)
        BreakGlassAccess.objects.create(
            person=person,
            user=user,
            reason="Property test",
            granted_at=expires - timedelta(hours=8),
            expires_at=expires,
        )
    spans = {
        "current": (today - timedelta(days=10), None),
        "ended": (today - timedelta(days=30), today - timedelta(days=1)),
        "future": (today + timedelta(days=5), None),
    }
    if world.allocation in spans:
        start, end = spans[world.allocation]
        Allocation.objects.create(
            person=person,
            worker=user,
            team=recorder.team,
            role=AllocationRole.PARTNER
            if world.role in INVOLVEMENT_ONLY_ROLES
            else AllocationRole.SOCIAL_WORKER,
            start_date=start,
            start_reason=AllocationReason.MANAGE,
            end_date=end,
        )
    grants = {
        "current": (today - timedelta(days=2), today),
        "expired": (today - timedelta(days=30), today - timedelta(days=1)),
        "future": (today + timedelta(days=1), today + timedelta(days=9)),
    }
    if world.grant in grants:
        starts, ends = grants[world.grant]
        AccessGrant.objects.create(
            person=person,
            user=user,
            purpose="Property test",
            starts_on=starts,
            ends_on=ends,
            granted_by=recorder,
        )
    if world.merged:
        survivor = make_person(recorder, "Dora", f"Survivor{n}", date_of_birth=person.date_of_birth)
        Person.objects.filter(pk=person.pk).update(record_status=RecordStatus.MERGED, merged_into=survivor)
    return user, person


PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(world=WORLDS)
def test_the_door_lets_in_exactly_whom_the_rule_says_and_audits_each_outcome(world, team_manager, make_user):
    other_manager = make_user(Role.TEAM_MANAGER, f"restriction.manager.{next(_serial)}")
    user, person = _build(world, team_manager, other_manager)
    allowed, why_not = _expected(world, user)
    before = set(AuditEvent.objects.filter(person=person).values_list("pk", flat=True))

    if world.merged and world.purpose not in (Purpose.AUDIT, Purpose.UNDO_MERGE):
        with pytest.raises(RecordMerged):
            access.get_person_for(user, person.pk, purpose=world.purpose)
        assert not AuditEvent.objects.filter(person=person).exclude(pk__in=before).exists()
        return

    if allowed:
        assert access.get_person_for(user, person.pk, purpose=world.purpose) == person
    else:
        with pytest.raises(PermissionDenied) as refused:
            access.get_person_for(user, person.pk, purpose=world.purpose)
        assert isinstance(refused.value, RestrictedRecord) == (why_not == "restricted"), (world, why_not)
    [row] = AuditEvent.objects.filter(person=person).exclude(pk__in=before)
    assert row.actor_id == user.pk
    assert row.action == (AuditAction.VIEW if allowed else AuditAction.REFUSED), (world, why_not)


@PROPERTY
@given(world=WORLDS)
def test_the_lists_forms_of_the_door_agree_with_it_and_write_nothing(world, team_manager, make_user):
    other_manager = make_user(Role.TEAM_MANAGER, f"restriction.manager.{next(_serial)}")
    world = World(**{**world.__dict__, "purpose": Purpose.VIEW, "merged": False})
    user, person = _build(world, team_manager, other_manager)
    allowed, _ = _expected(world, user)
    written = AuditEvent.objects.count()

    assert access.may_open(user, person.pk) == allowed, world
    assert access.openable_ids(user, [person.pk]) == ({person.pk} if allowed else set()), world
    assert access.restricted_from(user, [person.pk]) == ({person.pk} if _shut_out(world) else set()), world
    # Search lists restricted records (as "Restricted record") but never a partner's others.
    findable = user.has_perm(Permission.SEARCH_PEOPLE.value) and (
        world.role not in INVOLVEMENT_ONLY_ROLES or world.allocation == "current" or world.grant == "current"
    )
    assert access.visible_people(user).filter(pk=person.pk).exists() == findable, world
    assert AuditEvent.objects.count() == written
