"""Person services: identifiers, edits, addresses, names, relationships and merges."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from core.versioning import StaleEdit
from people import services
from people.models import (
    Address,
    NameKey,
    NameKind,
    Person,
    PersonDisability,
    PersonName,
    PersonRelationship,
    RecordStatus,
)
from people.names import phonetic_keys
from workforce.models import Allocation
from workforce.tests.factories import allocate

TODAY = date(2025, 6, 2)


@pytest.fixture
def make_person(social_worker):
    def make(given: str, family: str, actor=None, **extra):
        data = {"record_type": extra.pop("record_type", "CHILD"), "given_name": given, "family_name": family}
        return services.create_person(actor=actor or social_worker, data={**data, **extra})

    return make


@pytest.fixture
def adult(make_person):
    return make_person("Sarah", "Hughes", record_type="ADULT", date_of_birth=date(1990, 1, 5))


def _number(la_child_id: str) -> int:
    assert la_child_id.startswith("HB")
    return int(la_child_id[2:])


def _keys(person: Person, part: str) -> set[str]:
    return set(NameKey.objects.filter(person=person, part=part).values_list("key", flat=True))


def _merge(actor, survivor, duplicate, reason="Same NHS number and date of birth"):
    return services.merge_people(actor=actor, survivor=survivor, duplicate=duplicate, reason=reason)


# --- create_person -----------------------------------------------------------------------


def test_create_person_issues_sequential_harbour_ids_when_records_created(make_person):
    first, second, third = (make_person("Ann", f"Person{n}") for n in range(3))

    numbers = [_number(p.la_child_id) for p in (first, second, third)]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert len(first.la_child_id) == len("HB") + 7


def test_create_person_never_reuses_harbour_id_when_record_merged_away(team_manager, make_person):
    survivor = make_person("Ann", "Lee")
    duplicate = make_person("Anne", "Lee")
    retired = duplicate.la_child_id
    _merge(team_manager, survivor, duplicate)

    newest = make_person("Ben", "Lee")

    assert newest.la_child_id != retired
    assert _number(newest.la_child_id) == _number(retired) + 1
    duplicate.refresh_from_db()
    assert duplicate.la_child_id == retired  # the merged record keeps its identifier


def test_create_person_indexes_all_names_when_created(make_person):
    person = make_person("Catherine", "Smyth", preferred_name="Kate")

    assert phonetic_keys("Catherine") <= _keys(person, "GIVEN")
    assert phonetic_keys("Kate") <= _keys(person, "GIVEN")
    assert phonetic_keys("Smyth") <= _keys(person, "FAMILY")
    assert person.family_name_norm == "smyth"
    assert person.given_name_norm == "catherine"


def test_create_person_audits_create_with_changes_diff_when_created(social_worker, child):
    event = AuditEvent.objects.get(person_id=child.pk, action=AuditAction.CREATE)

    assert event.actor_id == social_worker.pk
    assert event.object_type == "people.Person"
    assert event.object_id == str(child.pk)
    assert event.changes["given_name"] == [None, "Amelia"]
    assert event.changes["family_name"] == [None, "Hughes"]
    assert event.changes["date_of_birth"] == [None, "2015-03-27"]
    assert event.changes["sex"] == [None, "F"]


def test_create_person_creates_address_and_disabilities_when_given(social_worker):
    person = services.create_person(
        actor=social_worker,
        data={"record_type": "CHILD", "given_name": "Ivy", "family_name": "Stone"},
        address=services.NewAddress(
            line_1="1 Dock Road", town="Harbourside", postcode="ls14ap", start_date=TODAY
        ),
        disabilities=["VIS", "HEAR"],
    )

    assert person.addresses.get().postcode == "LS1 4AP"
    assert sorted(person.disabilities.values_list("code", flat=True)) == ["HEAR", "VIS"]


def test_create_person_refuses_when_date_of_birth_and_expected_date_both_given(make_person):
    with pytest.raises(ValidationError) as excinfo:
        make_person("Baby", "Hughes", date_of_birth=date(2024, 1, 1), expected_date_of_birth=date(2025, 9, 1))

    assert "expected_date_of_birth" in excinfo.value.error_dict
    assert not Person.objects.filter(family_name="Hughes", given_name="Baby").exists()


def test_create_person_refuses_when_death_before_birth(make_person):
    with pytest.raises(ValidationError) as excinfo:
        make_person("Tom", "Hill", date_of_birth=date(2015, 5, 1), date_of_death=date(2015, 4, 30))

    assert "date_of_death" in excinfo.value.error_dict


def test_create_person_refuses_when_no_disability_chosen_with_a_disability(social_worker):
    with pytest.raises(ValidationError) as excinfo:
        services.create_person(
            actor=social_worker,
            data={"record_type": "CHILD", "given_name": "Ivy", "family_name": "Stone"},
            disabilities=["NONE", "VIS"],
        )

    assert "disabilities" in excinfo.value.error_dict
    assert not Person.objects.filter(family_name="Stone").exists()


def test_set_disabilities_refuses_when_no_disability_chosen_with_a_disability(social_worker, child):
    with pytest.raises(ValidationError):
        services.set_disabilities(actor=social_worker, person=child, codes_=["NONE", "AUT"])

    assert services.set_disabilities(actor=social_worker, person=child, codes_=["AUT", "LD"]) == ["AUT", "LD"]
    assert services.set_disabilities(actor=social_worker, person=child, codes_=["NONE"]) == ["NONE"]
    assert list(child.disabilities.values_list("code", flat=True)) == ["NONE"]


# --- update_person -----------------------------------------------------------------------


def test_update_person_raises_stale_edit_when_expected_version_is_old(social_worker, child):
    services.update_person(
        actor=social_worker, person=child, data={"middle_names": "Rose"}, expected_version=1
    )

    with pytest.raises(StaleEdit) as excinfo:
        services.update_person(
            actor=social_worker, person=child, data={"middle_names": "Grace"}, expected_version=1
        )

    assert excinfo.value.current.version == 2
    assert excinfo.value.current.middle_names == "Rose"
    child.refresh_from_db()
    assert child.middle_names == "Rose"


def test_update_person_bumps_version_and_audits_diff_when_changed(social_worker, child):
    updated = services.update_person(
        actor=social_worker, person=child, data={"nhs_number": "9434765919"}, expected_version=1
    )

    assert updated.version == 2
    event = AuditEvent.objects.get(person_id=child.pk, action=AuditAction.UPDATE)
    assert event.changes == {"nhs_number": ["", "9434765919"]}


def test_update_person_changes_nothing_when_data_unchanged(social_worker, child):
    updated = services.update_person(
        actor=social_worker, person=child, data={"given_name": "Amelia"}, expected_version=1
    )

    assert updated.version == 1
    assert not AuditEvent.objects.filter(person_id=child.pk, action=AuditAction.UPDATE).exists()


def test_update_person_keeps_old_name_as_previous_name_when_name_changes(social_worker, child):
    services.update_person(
        actor=social_worker, person=child, data={"family_name": "Okafor"}, expected_version=1
    )

    previous = PersonName.objects.get(person=child)
    assert previous.kind == NameKind.PREVIOUS
    assert (previous.given_name, previous.family_name) == ("Amelia", "Hughes")
    assert previous.used_to == timezone.localdate()
    # Both names stay searchable.
    assert phonetic_keys("Hughes") | phonetic_keys("Okafor") <= _keys(child, "FAMILY")


def test_update_person_refuses_when_death_before_birth(social_worker, child):
    with pytest.raises(ValidationError):
        services.update_person(
            actor=social_worker, person=child, data={"date_of_death": date(2014, 1, 1)}, expected_version=1
        )

    child.refresh_from_db()
    assert child.date_of_death is None
    assert child.version == 1


# --- addresses, names, alerts ------------------------------------------------------------


def test_add_address_normalises_postcode_when_typed_loosely(social_worker, child):
    address = services.add_address(
        actor=social_worker,
        person=child,
        address=services.NewAddress(
            line_1=" 4 Quay Street ", town="Leeds", postcode=" ls14ap", start_date=TODAY
        ),
    )

    assert address.postcode == "LS1 4AP"
    assert address.line_1 == "4 Quay Street"
    assert AuditEvent.objects.filter(person_id=child.pk, action=AuditAction.UPDATE, object_id=str(address.pk))


def test_add_address_refuses_when_postcode_invalid(social_worker, child):
    with pytest.raises(ValidationError):
        services.add_address(
            actor=social_worker,
            person=child,
            address=services.NewAddress(
                line_1="1 Road", town="Leeds", postcode="NOTAPOSTCODE", start_date=TODAY
            ),
        )

    assert not Address.objects.exists()


def test_add_address_ends_previous_home_address_when_new_home_added(social_worker, child):
    old = services.add_address(
        actor=social_worker,
        person=child,
        address=services.NewAddress(
            line_1="1 Old Road", town="Leeds", postcode="LS1 4AP", start_date=date(2020, 1, 1)
        ),
    )
    placement = services.add_address(
        actor=social_worker,
        person=child,
        address=services.NewAddress(
            line_1="9 Foster Lane",
            town="Leeds",
            postcode="LS2 7HY",
            start_date=date(2021, 1, 1),
            kind="PLACEMENT",
        ),
    )
    new = services.add_address(
        actor=social_worker,
        person=child,
        address=services.NewAddress(line_1="2 New Road", town="Leeds", postcode="LS6 2AB", start_date=TODAY),
    )

    old.refresh_from_db()
    placement.refresh_from_db()
    assert old.end_date == TODAY - timedelta(days=1)
    assert placement.end_date is None  # a different kind of address is left alone
    assert new.end_date is None
    current_homes = [a for a in Address.objects.filter(person=child, kind="HOME") if a.is_current(TODAY)]
    assert current_homes == [new]


def test_add_name_indexes_alias_when_added(social_worker, child):
    services.add_name(
        actor=social_worker, person=child, kind=NameKind.ALIAS, given_name="Millie", family_name="Jones"
    )

    assert phonetic_keys("Millie") <= _keys(child, "GIVEN")
    assert phonetic_keys("Jones") <= _keys(child, "FAMILY")


def test_add_alert_audits_update_when_added(social_worker, child):
    alert = services.add_alert(
        actor=social_worker, person=child, kind="DOG", details=" Large dog ", start_date=TODAY
    )

    assert alert.details == "Large dog"
    assert AuditEvent.objects.filter(person_id=child.pk, object_id=str(alert.pk), summary="Added an alert")


# --- relationships -----------------------------------------------------------------------


def test_add_relationship_audits_both_people_when_recorded(social_worker, child, adult):
    rel = services.add_relationship(
        actor=social_worker, person_a=adult, person_b=child, type="PARENT", parental_responsibility=True
    )

    for person in (adult, child):
        event = AuditEvent.objects.get(
            person_id=person.pk, object_type="people.PersonRelationship", object_id=str(rel.pk)
        )
        assert event.changes["type"] == "PARENT"
        assert event.changes["parental_responsibility"] is True


def test_add_relationship_refuses_when_person_related_to_themselves(social_worker, child):
    with pytest.raises(ValidationError):
        services.add_relationship(actor=social_worker, person_a=child, person_b=child, type="SIBLING")

    assert not PersonRelationship.objects.exists()


@pytest.mark.parametrize("reverse", [False, True])
def test_add_relationship_refuses_when_already_recorded(social_worker, child, adult, reverse):
    services.add_relationship(actor=social_worker, person_a=adult, person_b=child, type="PARENT")
    a, b = (child, adult) if reverse else (adult, child)

    with pytest.raises(ValidationError) as excinfo:
        services.add_relationship(actor=social_worker, person_a=a, person_b=b, type="PARENT")

    assert "type" in excinfo.value.error_dict
    assert PersonRelationship.objects.count() == 1


def test_add_relationship_allows_again_when_earlier_one_ended(social_worker, child, adult):
    rel = services.add_relationship(actor=social_worker, person_a=adult, person_b=child, type="CARER")
    services.end_relationship(actor=social_worker, relationship=rel, end_date=TODAY)

    services.add_relationship(actor=social_worker, person_a=adult, person_b=child, type="CARER")

    assert PersonRelationship.objects.count() == 2


# --- merge -------------------------------------------------------------------------------


@pytest.fixture
def merge_pair(social_worker, team_manager, team, make_person, adult):
    """A survivor with little recorded and a duplicate with histories of every kind."""
    survivor = make_person("Amelia", "Hughes", date_of_birth=date(2015, 3, 27))
    duplicate = make_person(
        "Amelia",
        "Hughs",
        date_of_birth=date(2015, 3, 27),
        nhs_number="9434765919",
        ethnicity="WIRI",
        sex="F",
    )
    services.add_address(
        actor=social_worker,
        person=duplicate,
        address=services.NewAddress(line_1="1 Dock Road", town="Leeds", postcode="LS1 4AP", start_date=TODAY),
    )
    services.add_name(
        actor=social_worker,
        person=duplicate,
        kind=NameKind.PREVIOUS,
        given_name="Amelia",
        family_name="Okafor",
    )
    services.add_relationship(actor=social_worker, person_a=adult, person_b=duplicate, type="PARENT")
    services.set_disabilities(actor=social_worker, person=duplicate, codes_=["AUT"])
    allocate(team_manager, duplicate, social_worker, team, TODAY)
    return survivor, duplicate


def test_merge_people_moves_every_history_when_merged(team_manager, merge_pair, adult):
    survivor, duplicate = merge_pair

    record = _merge(team_manager, survivor, duplicate)

    assert survivor.addresses.get().postcode == "LS1 4AP"
    assert survivor.other_names.filter(kind=NameKind.PREVIOUS, family_name="Okafor").exists()
    rel = PersonRelationship.objects.get()
    assert (rel.person_a, rel.person_b) == (adult, survivor)
    assert Allocation.objects.get().person == survivor
    assert list(survivor.disabilities.values_list("code", flat=True)) == ["AUT"]
    assert not PersonDisability.objects.filter(person=duplicate).exists()
    assert record.moved["people.Address"] == 1
    assert record.moved["workforce.Allocation"] == 1
    assert record.moved["disabilities"] == 1


def test_merge_people_fills_blanks_but_keeps_survivor_details_when_merged(team_manager, merge_pair):
    survivor, duplicate = merge_pair

    _merge(team_manager, survivor, duplicate)

    survivor.refresh_from_db()
    assert survivor.family_name == "Hughes"  # the survivor's identity stays
    assert survivor.nhs_number == "9434765919"
    assert survivor.ethnicity == "WIRI"
    assert survivor.sex == "F"
    assert survivor.version == 2


def test_merge_people_marks_duplicate_merged_and_keeps_alias_when_merged(team_manager, merge_pair):
    survivor, duplicate = merge_pair

    record = _merge(team_manager, survivor, duplicate)

    duplicate.refresh_from_db()
    assert duplicate.record_status == RecordStatus.MERGED
    assert duplicate.merged_into == survivor
    assert not NameKey.objects.filter(person=duplicate).exists()
    alias = survivor.other_names.get(kind=NameKind.ALIAS)
    assert (alias.given_name, alias.family_name) == ("Amelia", "Hughs")
    assert phonetic_keys("Okafor") <= _keys(survivor, "FAMILY")
    assert record.duplicate_snapshot["la_child_id"] == duplicate.la_child_id
    assert record.duplicate_snapshot["family_name"] == "Hughs"


def test_merge_people_audits_merge_on_both_records_when_merged(team_manager, merge_pair):
    survivor, duplicate = merge_pair

    record = _merge(team_manager, survivor, duplicate, reason="Same NHS number")

    for person in (survivor, duplicate):
        event = AuditEvent.objects.get(person_id=person.pk, action=AuditAction.MERGE)
        assert event.actor_id == team_manager.pk
        assert event.reason == "Same NHS number"
        assert event.object_id == str(record.pk)
        assert "nhs_number" in event.changes["filled"]


def test_merge_people_refuses_when_record_already_merged(team_manager, merge_pair, make_person):
    survivor, duplicate = merge_pair
    _merge(team_manager, survivor, duplicate)
    third = make_person("Amelia", "Hewes")

    with pytest.raises(ValidationError):
        _merge(team_manager, survivor, duplicate)
    with pytest.raises(ValidationError):
        _merge(team_manager, third, duplicate)

    assert AuditEvent.objects.filter(action=AuditAction.MERGE).count() == 2


def test_merge_people_refuses_when_same_record_or_no_reason(team_manager, child, make_person):
    other = make_person("Amelia", "Hughs")

    with pytest.raises(ValidationError):
        _merge(team_manager, child, child)
    with pytest.raises(ValidationError):
        _merge(team_manager, child, other, reason="   ")

    other.refresh_from_db()
    assert other.record_status == RecordStatus.ACTIVE


def test_merge_people_drops_relationship_between_the_two_when_they_were_linked(
    social_worker, team_manager, child, make_person
):
    duplicate = make_person("Amelia", "Hughs")
    services.add_relationship(actor=social_worker, person_a=child, person_b=duplicate, type="SIBLING")

    _merge(team_manager, child, duplicate)

    assert not PersonRelationship.objects.exists()
    duplicate.refresh_from_db()
    assert duplicate.record_status == RecordStatus.MERGED


@pytest.mark.parametrize(
    ("survivors", "duplicates", "kept"),
    [(["VIS"], ["NONE"], ["VIS"]), (["NONE"], ["HEAR"], ["HEAR"])],
    ids=["keeps_disability_over_duplicates_none", "replaces_none_with_duplicates_disability"],
)
def test_merge_people_keeps_no_disability_exclusive_when_records_disagree(
    social_worker, team_manager, make_person, survivors, duplicates, kept
):
    survivor = make_person("Amelia", "Hughes")
    duplicate = make_person("Amelia", "Hughs")
    services.set_disabilities(actor=social_worker, person=survivor, codes_=survivors)
    services.set_disabilities(actor=social_worker, person=duplicate, codes_=duplicates)

    _merge(team_manager, survivor, duplicate)

    assert list(survivor.disabilities.values_list("code", flat=True)) == kept


# --- permissions -------------------------------------------------------------------------


@pytest.fixture
def auditor_and_child(make_user, child):
    return make_user(Role.AUDITOR), child


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda actor, child: services.create_person(
                actor=actor, data={"record_type": "CHILD", "given_name": "A", "family_name": "B"}
            ),
            id="create_person",
        ),
        pytest.param(
            lambda actor, child: services.update_person(
                actor=actor, person=child, data={"given_name": "X"}, expected_version=1
            ),
            id="update_person",
        ),
        pytest.param(
            lambda actor, child: services.add_address(
                actor=actor,
                person=child,
                address=services.NewAddress(
                    line_1="1 Road", town="Leeds", postcode="LS1 4AP", start_date=TODAY
                ),
            ),
            id="add_address",
        ),
        pytest.param(
            lambda actor, child: services.add_name(
                actor=actor, person=child, kind="ALIAS", given_name="A", family_name="B"
            ),
            id="add_name",
        ),
        pytest.param(
            lambda actor, child: services.add_alert(
                actor=actor, person=child, kind="DOG", details="", start_date=TODAY
            ),
            id="add_alert",
        ),
        pytest.param(
            lambda actor, child: services.set_disabilities(actor=actor, person=child, codes_=["VIS"]),
            id="set_disabilities",
        ),
        pytest.param(
            lambda actor, child: services.restrict_record(
                actor=actor, person=child, reason="OTHER", details="", manager=actor, named_users=[]
            ),
            id="restrict_record",
        ),
        pytest.param(
            lambda actor, child: services.merge_people(
                actor=actor, survivor=child, duplicate=child, reason="Same person"
            ),
            id="merge_people",
        ),
    ],
)
def test_service_raises_permission_denied_when_role_lacks_permission(auditor_and_child, call):
    actor, child = auditor_and_child
    before = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        call(actor, child)

    assert AuditEvent.objects.count() == before


def test_add_relationship_raises_permission_denied_when_role_lacks_permission(make_user, child, adult):
    performance = make_user(Role.PERFORMANCE)

    with pytest.raises(PermissionDenied):
        services.add_relationship(actor=performance, person_a=adult, person_b=child, type="PARENT")


def test_merge_people_raises_permission_denied_when_social_worker(social_worker, child, make_person):
    other = make_person("Amelia", "Hughs")

    with pytest.raises(PermissionDenied):
        _merge(social_worker, child, other)
