"""Tiling a generated cohort into a larger authority: distinct children, copies that hang
together, shared tables left alone, the audit intact, and returns the DfE rules accept."""

import re
from collections import Counter
from datetime import date

import pytest
from django.db import models, transaction
from stdnum.gb import nhs, upn

from accounts.models import Team, User
from accounts.permissions import Role
from audit.models import AuditEvent
from audit.services import verify_chain
from demo import tiling
from demo.accounts import SYSTEM_USERNAME
from demo.generator import generate
from demo.tests.boroughs import generate_borough
from people import services as people
from people.models import NameKey, Person, RecordType
from people.search import SearchQuery, search
from performance.models import ChildPopulation
from returns import annex_a, cin_census, ssda903
from returns.base import Severity
from workforce.models import Allocation

AS_OF = date(2026, 10, 31)  # in the collection year 2026/27
COHORT = 40
COPIES = 3
SEED = 7


# --- runs of their own, before the shared authority below is made --------------------------


def test_tiling_needs_a_cohort(db):
    with pytest.raises(tiling.TilingError):
        tiling.tile(2, seed=1)


def test_copies_for_splits_the_children_into_equal_cohorts():
    assert tiling.copies_for(85_000, 5_000) == (17, 5_000)
    assert tiling.copies_for(90, 30) == (3, 30)
    assert tiling.copies_for(100, 30) == (4, 25)
    assert tiling.copies_for(20, 30) == (1, 20)


def test_generate_demo_data_with_a_cohort_tiles_it(db):
    out = generate_borough(20, 3, AS_OF, "--cohort", "10")
    assert Person.objects.children().count() >= 20
    assert Person.objects.count() % 2 == 0
    assert "Tiled the cohort into 2 copies" in out
    assert verify_chain().ok


# --- one tiled authority, shared by the tests below ---------------------------------------


@pytest.fixture(scope="module")
def tiled(django_db_setup, django_db_blocker):
    """A 40-child cohort (as the SSDA903 tests generate it) tiled three times, rolled back after.
    Yields what the cohort looked like: each table's largest key and its row count."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(children=COHORT, seed=SEED, as_of=AS_OF)
        tables = tiling.plan()
        before = {
            "tops": {t.label: tiling._top(t) for t in tables},
            "counts": {t.label: t.model._base_manager.count() for t in tables},
            "shared": {m._meta.label: m._base_manager.count() for m in _shared_models()},
            "children": Person.objects.children().count(),
            "population": dict(ChildPopulation.objects.values_list("year", "population")),
            "audit": AuditEvent.objects.count(),
            "build": {"cin": cin_census.build(2027), "903": ssda903.build(2027)},
        }
        summary = tiling.tile(COPIES, seed=SEED)
        yield before, summary
        transaction.set_rollback(True)


def _shared_models():
    return [m for m in tiling.harbour_models() if m._meta.label in tiling.SHARED_MODELS]


def _copy_of(pk: int, top: int) -> int:
    return (pk - 1) // top


def test_the_authority_has_the_cohort_copied_three_times(tiled, db):
    before, summary = tiled
    assert Person.objects.children().count() == COPIES * before["children"]
    assert summary.children == COPIES * before["children"]
    for label, count in before["counts"].items():
        if label not in tiling.DERIVED and label not in tiling.SHARED_ROWS:
            model = next(t.model for t in tiling.plan() if t.label == label)
            assert model._base_manager.count() == COPIES * count, label
    assert User.objects.count() == COPIES * (before["counts"]["accounts.User"] - 1) + 1
    assert Team.objects.count() == COPIES * before["counts"]["accounts.Team"]


def test_the_child_population_grows_with_the_copies_so_rates_stay_the_cohorts(tiled, db):
    before, _ = tiled
    assert before["population"]
    after = dict(ChildPopulation.objects.values_list("year", "population"))
    assert after == {year: COPIES * population for year, population in before["population"].items()}


def test_every_child_is_a_distinct_person_with_valid_identifiers(tiled, db):
    rows = list(Person.objects.values_list("la_child_id", "upn", "former_upn", "nhs_number"))
    ids = [r[0] for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Z]+\d{7}", i) for i in ids)
    upns = [u for r in rows for u in (r[1], r[2]) if u]
    assert upns and all(upn.is_valid(u) for u in upns)
    assert len(set(upns)) == len(upns)
    numbers = [r[3] for r in rows if r[3]]
    assert numbers and all(nhs.is_valid(n) and n.startswith("999") for n in numbers)
    assert len(set(numbers)) == len(numbers)
    # Copies are named differently: most children of a copy do not share the original's name.
    before, _ = tiled
    top = before["tops"]["people.Person"]
    names = dict(Person.objects.values_list("pk", "given_name"))
    same = sum(1 for pk, name in names.items() if pk > top and names[(pk - 1) % top + 1] == name)
    assert same < len(names) / COPIES / 3


def test_a_copied_child_is_found_by_their_own_name(tiled, db):
    before, _ = tiled
    top = before["tops"]["people.Person"]
    child = Person.objects.children().filter(pk__gt=top).order_by("pk").first()
    assert child is not None
    keys = set(NameKey.objects.filter(person=child, part="FAMILY").values_list("key", flat=True))
    assert f"P:{child.family_name_norm[:3]}" in keys
    admin = User.objects.filter(role=Role.ADMIN.value, username="admin").get()
    found = search(admin, SearchQuery(name=f"{child.given_name} {child.family_name}"))
    assert child.pk in {m.person.pk for m in found}


def test_foreign_keys_of_each_copy_point_inside_that_copy(tiled, db):
    before, _ = tiled
    tops = before["tops"]
    system = User.objects.get(username=SYSTEM_USERNAME).pk
    checked = 0
    for table in tiling.plan():
        if not tops[table.label] or table.label in tiling.DERIVED:
            continue
        columns = [f.attname for f in table.fields if f.column in table.links]
        targets = [table.links[f.column] for f in table.fields if f.column in table.links]
        for pk, *values in table.model._base_manager.values_list("pk", *columns):
            copy = _copy_of(pk, tops[table.label])
            for value, target in zip(values, targets, strict=True):
                if value is None or (target == "accounts.User" and value == system):
                    continue
                assert _copy_of(value, tops[target]) == copy, (table.label, pk, target, value)
                checked += 1
    assert checked > 1000


def test_keys_written_in_text_move_with_their_copy(tiled, db):
    """Every text field holding "app.Model:pk" keys is declared in KEY_FIELDS, and moved."""
    before, _ = tiled
    tops = before["tops"]
    key = re.compile(r"^([a-z_][a-z0-9_]*\.[A-Za-z][A-Za-z0-9]*):(\d+)")
    found = Counter()
    for table in tiling.plan():
        texts = [f.attname for f in table.fields if isinstance(f, models.CharField | models.TextField)]
        if not texts or not tops[table.label]:
            continue
        for pk, *values in table.model._base_manager.values_list("pk", *texts):
            for name, value in zip(texts, values, strict=True):
                match = key.match(value or "")
                if not match or match.group(1) not in tops:
                    continue
                assert name in tiling.KEY_FIELDS.get(table.label, ()), (table.label, name)
                copy = _copy_of(pk, tops[table.label])
                assert _copy_of(int(match.group(2)), tops[match.group(1)]) == copy
                found[table.label] += 1
    assert found["casework.ChronologyAnnotation"] > 0


def test_keys_of_models_with_digits_in_their_names_move_too(tiled, db):
    tables = tiling.plan()
    for table in tables:
        table.top = tiling._top(table)
    copier = tiling.Copier({t.label: t.top for t in tables}, seed=SEED)
    top = copier.offsets["protection.S47Enquiry"]
    assert top > 0
    assert copier.move_key("protection.S47Enquiry:3:held", 2) == f"protection.S47Enquiry:{3 + 2 * top}:held"
    assert copier.move_key("not a key", 2) == "not a key"


def test_shared_tables_are_not_copied_and_the_audit_chain_verifies(tiled, db):
    before, _ = tiled
    assert {m._meta.label: m._base_manager.count() for m in _shared_models()} == before["shared"]
    assert AuditEvent.objects.count() == before["audit"]
    assert User.objects.filter(username=SYSTEM_USERNAME).count() == 1
    assert verify_chain().ok


def test_copies_of_staff_are_distinct_and_cannot_sign_in(tiled, db):
    before, _ = tiled
    copies = User.objects.filter(pk__gt=before["tops"]["accounts.User"])
    assert copies.exists()
    assert not any(u.has_usable_password() for u in copies)
    assert copies.filter(username="social.worker.2").exists()
    swe = [n for n in User.objects.values_list("swe_registration_number", flat=True) if n]
    assert len(swe) == len(set(swe))
    # Caseloads stay the cohort's: the copies' children are allocated to the copies' workers.
    demo_worker = User.objects.get(username="social.worker")
    assert (
        Allocation.objects.filter(worker=demo_worker, person__pk__gt=before["tops"]["people.Person"]).count()
        == 0
    )


def test_new_records_after_tiling_get_new_keys_and_harbour_ids(tiled, db):
    recorder = User.objects.filter(role=Role.FRONT_DOOR.value, is_active=True).order_by("pk").first()
    last = max(Person.objects.values_list("la_child_id", flat=True))
    person = people.create_person(
        actor=recorder,
        data={"record_type": RecordType.CHILD, "given_name": "Nova", "family_name": "Tilewright", "sex": "F"},
    )
    assert person.pk > Person.objects.exclude(pk=person.pk).aggregate(top=models.Max("pk"))["top"]
    assert person.la_child_id > last


@pytest.mark.parametrize("which", ["cin", "903"])
def test_the_dfe_rules_report_no_errors_on_the_tiled_authority(tiled, db, which):
    before, _ = tiled
    module = cin_census if which == "cin" else ssda903
    output = module.build(2027)
    for name, table in output.tables.items():
        if not any(s.person_id for s in table.sources):
            continue  # the header
        assert len(table.rows) == COPIES * len(before["build"][which].tables[name].rows), name
    errors = Counter(f.rule_code for f in module.validate(output, 2027) if f.severity == Severity.ERROR)
    assert errors == Counter()


def test_annex_a_lists_every_copy(tiled, db):
    output = annex_a.build(AS_OF)
    assert sum(len(t.rows) for t in output.tables.values()) > 0


def test_a_unique_field_nobody_handles_stops_the_tiling_before_it_writes(monkeypatch, db):
    monkeypatch.setattr(tiling, "HANDLED_UNIQUE", {**tiling.HANDLED_UNIQUE, "people.Person": frozenset()})
    with pytest.raises(tiling.TilingError, match="people.Person: unique la_child_id"):
        tiling.plan()
