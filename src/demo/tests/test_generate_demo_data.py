"""The demo generator: deterministic, valid, realistic, and safe to run twice."""

import hashlib
import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from stdnum.gb import nhs, upn

from accounts.models import TeamKind, User
from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from audit.services import verify_chain
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.places import area_postcodes
from demo.tests.boroughs import generate_borough, generated_borough
from people.access import Purpose, decide
from people.models import (
    AccessGrant,
    Address,
    Alert,
    ImmigrationStatus,
    Person,
    PersonDisability,
    PersonRelationship,
    RecordRestriction,
    RestrictionReason,
)
from people.validators import normalise_postcode
from quality.models import AuditProgramme
from workforce.models import Allocation, AllocationRole

AS_OF = date(2026, 1, 15)
CHILDREN = 120
SEED = 11


def generate(children: int = CHILDREN, seed: int = SEED, *extra: str) -> str:
    return generate_borough(children, seed, AS_OF, *extra)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One generated borough shared by this module's read-only tests, rolled back after."""
    with generated_borough(django_db_blocker, CHILDREN, SEED, AS_OF) as output:
        yield output


def _age(born: date) -> int:
    return AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))


def digest() -> str:
    """A stable fingerprint of everything generated, free of database keys and timestamps."""
    ids = dict(Person.objects.values_list("pk", "la_child_id"))
    people = Person.objects.order_by("la_child_id").values_list(
        "la_child_id", "record_type", "given_name", "middle_names", "family_name", "preferred_name",
        "date_of_birth", "expected_date_of_birth", "sex", "gender", "ethnicity", "religion",
        "first_language", "interpreter_required", "identity_notes", "nhs_number", "upn", "former_upn",
        "upn_unknown_reason",
    )  # fmt: skip
    parts = {
        "people": list(people),
        "addresses": sorted(
            (ids[a.person_id], a.kind, a.line_1, a.town, a.postcode, a.start_date, a.end_date)
            for a in Address.objects.all()
        ),
        "relationships": sorted(
            (
                ids[r.person_a_id],
                ids[r.person_b_id],
                r.type,
                r.parental_responsibility,
                r.lives_with,
                r.start_date,
            )
            for r in PersonRelationship.objects.all()
        ),
        "disabilities": sorted((ids[d.person_id], d.code) for d in PersonDisability.objects.all()),
        "allocations": sorted(
            (
                ids[a.person_id],
                a.worker.username,
                a.team.name,
                a.role,
                a.start_date,
                a.start_reason,
                a.end_date,
            )
            for a in Allocation.objects.select_related("worker", "team")
        ),
        "staff": sorted(
            User.objects.values_list(
                "username",
                "first_name",
                "last_name",
                "role",
                "team__name",
                "job_title",
                "swe_registration_number",
            )
        ),
        "restriction": [
            (ids[r.person_id], r.manager.username, sorted(u.username for u in r.named_users.all()))
            for r in RecordRestriction.objects.select_related("manager")
        ],
        "alerts": sorted((ids[a.person_id], a.kind, a.start_date) for a in Alert.objects.all()),
        "statuses": sorted(
            (ids[s.person_id], s.status, s.start_date) for s in ImmigrationStatus.objects.all()
        ),
    }
    blob = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


# --- runs of their own -----------------------------------------------------------------


def test_same_seed_gives_identical_data_and_another_seed_does_not(db):
    digests = []
    for seed in (5, 5, 6):
        with transaction.atomic():
            generate(40, seed)
            digests.append(digest())
            transaction.set_rollback(True)

    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_if_empty_does_nothing_when_people_already_exist(db):
    generate(30, 3, "--if-empty")
    counts = (Person.objects.count(), User.objects.count(), Allocation.objects.count())

    output = generate(30, 3, "--if-empty")

    assert "already has people" in output
    assert (Person.objects.count(), User.objects.count(), Allocation.objects.count()) == counts


def test_demo_accounts_command_says_none_when_no_demo_data(db):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "no demo accounts" in out.getvalue()


# --- one shared borough ------------------------------------------------------------------


def test_refuses_to_add_to_a_database_with_people(demo, db):
    with pytest.raises(CommandError):
        generate(10, 1)


def test_summary_reports_what_was_made(demo, db):
    assert f"{Person.objects.count():,} ({CHILDREN:,} children" in demo
    assert Person.objects.children().count() == CHILDREN
    assert Person.objects.filter(record_type="ADULT").exists()


def test_nhs_numbers_are_valid_test_numbers_and_upns_are_valid(demo, db):
    children = list(Person.objects.children())
    numbers = [p.nhs_number for p in Person.objects.exclude(nhs_number="")]
    upns = [p.upn for p in children if p.upn] + [p.former_upn for p in children if p.former_upn]

    assert numbers and upns
    assert all(n.startswith("999") and nhs.is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert all(upn.is_valid(u) for u in upns)
    with_nhs = sum(1 for p in children if p.nhs_number) / len(children)
    assert 0.7 <= with_nhs <= 0.97


def test_upn_or_reason_fits_the_childs_age_and_time_in_care(demo, db):
    from people import upn as upn_rules
    from people.models import ImmigrationStatus

    arrived = dict(ImmigrationStatus.objects.filter(status="UASC").values_list("person_id", "start_date"))
    for child in Person.objects.children():
        if child.date_of_birth is None or upn_rules.un1_fits(child.date_of_birth, AS_OF):
            assert (child.upn, child.upn_unknown_reason) == ("", "UN1")
        else:
            assert bool(child.upn) != bool(child.upn_unknown_reason)
        if child.upn_unknown_reason == "UN4":  # only a child who arrived days ago, not yet in a return
            assert child.pk in arrived and upn_rules.un4_fits(arrived[child.pk], AS_OF)
            assert (AS_OF - arrived[child.pk]).days <= 28
    school_age = [p for p in Person.objects.children() if p.date_of_birth and 5 <= _age(p.date_of_birth) < 18]
    assert sum(1 for p in school_age if p.upn) / len(school_age) >= 0.75


def test_children_have_realistic_ages_and_some_are_unborn_or_care_leavers(demo, db):
    children = list(Person.objects.children())
    unborn = [p for p in children if p.date_of_birth is None]
    ages = [_age(p.date_of_birth) for p in children if p.date_of_birth]

    assert all(
        p.expected_date_of_birth and AS_OF < p.expected_date_of_birth <= AS_OF + timedelta(days=270)
        for p in unborn
    )
    assert all(0 <= age <= 25 for age in ages)
    assert sum(1 for age in ages if age < 18) / len(children) >= 0.8
    assert any(age >= 18 for age in ages)
    assert len({age for age in ages if age < 18}) >= 12  # spread across childhood
    adults = Person.objects.filter(record_type="ADULT").exclude(date_of_birth=None)
    assert all(_age(p.date_of_birth) >= 16 for p in adults)


def test_families_have_parents_with_responsibility_and_siblings(demo, db):
    parents = PersonRelationship.objects.filter(type="PARENT")
    assert parents.filter(parental_responsibility=True, person_a__record_type="ADULT").exists()
    assert PersonRelationship.objects.filter(type__in=["SIBLING", "HALF_SIBLING"]).exists()
    assert not PersonRelationship.objects.filter(
        person_b__record_type="ADULT", parental_responsibility=True
    ).exists()


def test_addresses_are_in_the_borough_with_valid_postcodes_and_some_history(demo, db):
    addresses = list(Address.objects.all())

    borough = set(area_postcodes(settings.HARBOUR_AUTHORITY["gss_code"]))
    assert all(normalise_postcode(a.postcode) == a.postcode and a.postcode in borough for a in addresses)
    assert any(a.town == "Harbourside" for a in addresses)
    ended = [a for a in addresses if a.end_date is not None]
    assert ended and all(a.end_date >= a.start_date for a in ended)


def test_disabilities_are_mostly_none_and_recorded_for_every_born_child(demo, db):
    born = Person.objects.children().exclude(date_of_birth=None)
    codes = PersonDisability.objects.filter(person__in=born)
    assert set(codes.values_list("person_id", flat=True)) == set(born.values_list("pk", flat=True))
    disabled = codes.exclude(code="NONE").values("person_id").distinct().count()
    assert disabled / born.count() < 0.2


def test_every_demo_account_exists_with_its_role_and_signs_in(demo, db):
    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert user is not None, account.username
        assert user.role == account.role.value
        assert (user.team.kind if user.team else None) == account.team_kind
        assert user.first_name and user.last_name


def test_partner_account_is_the_health_trusts_with_no_programme_in_a_demo_as_at_a_past_date(demo, db):
    nurse = User.objects.get(username="named.nurse")

    assert (nurse.role, nurse.team, nurse.organisation) == (
        Role.PARTNER,
        None,
        "Harbourside NHS Foundation Trust",
    )
    # A partner auditor's access starts on the day a programme is drawn: none for a past month.
    assert not AuditProgramme.objects.exclude(partner_auditors=None).exists()
    assert not AccessGrant.objects.exists()
    assert not any(decide(nurse, p, Purpose.VIEW).allowed for p in Person.objects.children()[:20])


def test_demo_accounts_are_placed_for_the_browser_journeys(demo, db):
    social_worker = User.objects.get(username="social.worker")
    team_manager = User.objects.get(username="team.manager")

    assert social_worker.registered_social_worker and social_worker.swe_registration_number.startswith("SW")
    assert social_worker.team.kind in (TeamKind.ASSESSMENT, TeamKind.SAFEGUARDING)
    assert social_worker.team.manager == team_manager


def test_only_demo_accounts_can_sign_in(demo, db):
    others = User.objects.exclude(username__in=[a.username for a in DEMO_ACCOUNTS])
    assert others.exists()
    assert not any(u.has_usable_password() for u in others)
    system = User.objects.get(username="harbour.system")
    assert (system.role, system.is_active, system.display_name) == (
        Role.ADMIN,
        False,
        "Harbour data generator",
    )


def test_workforce_has_every_team_kind_with_managers_and_registered_workers(demo, db):
    social_workers = User.objects.filter(role=Role.SOCIAL_WORKER, registered_social_worker=True)

    assert set(TeamKind.values) - {TeamKind.PARTNER} == set(
        User.objects.exclude(team=None).values_list("team__kind", flat=True)
    )
    assert all(len(u.swe_registration_number) == 8 for u in social_workers)
    assert User.objects.filter(managed_teams__isnull=False).distinct().count() >= 10


def test_social_worker_caseload_and_iro_allocations(demo, db):
    current = Allocation.objects.current(AS_OF)

    caseload = current.filter(worker__username="social.worker", role=AllocationRole.SOCIAL_WORKER).count()
    reviewed = current.filter(worker__username="iro", role=AllocationRole.IRO).count()

    assert 15 <= caseload <= 20
    assert 1 <= reviewed <= 40
    assert current.filter(person__record_type="CHILD").values("person").distinct().count() >= CHILDREN * 0.6
    assert Allocation.objects.exclude(end_date=None).exclude(end_reason="").exists()


def test_one_restricted_record_managed_by_team_manager_and_closed_to_social_worker(demo, db):
    restriction = RecordRestriction.objects.get()
    social_worker = User.objects.get(username="social.worker")

    assert restriction.reason == RestrictionReason.STAFF_CHILD
    assert restriction.manager.username == "team.manager"
    assert social_worker not in restriction.named_users.all()
    assert not decide(social_worker, restriction.person, Purpose.VIEW).allowed
    assert decide(restriction.manager, restriction.person, Purpose.VIEW).allowed


def test_every_person_has_one_create_audit_row_and_the_chain_holds(demo, db):
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="people.Person")
    person_ids = sorted(Person.objects.values_list("pk", flat=True))

    assert sorted(created.values_list("person_id", flat=True)) == person_ids
    assert verify_chain().ok


def test_demo_accounts_command_lists_accounts_and_password_only(demo, db):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()

    for account in DEMO_ACCOUNTS:
        assert account.username in text
        assert account.role.label in text
    assert DEMO_PASSWORD in text
    assert "Family Safeguarding" in text
    assert "Harbourside NHS Foundation Trust" in text  # the partner account's agency
    assert not any(
        p.la_child_id in text or (p.nhs_number and p.nhs_number in text) for p in Person.objects.all()
    )
    assert not any(a.postcode in text for a in Address.objects.all())  # no postcodes
