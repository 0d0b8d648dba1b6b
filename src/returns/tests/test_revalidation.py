"""A child's re-validation after an edit finds exactly what a run over every child finds for
that child, for both returns, though it skips the rules that cannot flag one of the child's
rows and skips a return the child is not in (`children_only`, `services._has_rows_of`)."""

import contextlib
import io
from collections import defaultdict
from datetime import date

import pytest
from django.db import transaction

from demo.generator import generate
from returns import cin_census, ssda903
from returns.base import Finding
from returns.ssda903 import validation as ssda903_validation
from returns.ssda903.validation.rules import _Copies

AS_OF = date(2026, 10, 31)  # in the collection year 2026/27
YEAR = 2027
RETURNS = {"cin_census": cin_census, "ssda903": ssda903}


def make_cohort() -> None:
    """A generated cohort, with a few records broken so that rules of several tables fail."""
    generate(children=40, seed=7, as_of=AS_OF)
    _break_some_records()


@pytest.fixture(scope="module")
def shared_cohort(django_db_setup, django_db_blocker):
    """The cohort, made once for this module's tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_cohort()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def cohort(shared_cohort, db):
    """The shared cohort, each test's own changes to it rolled back after the test."""


def _break_some_records():
    """Errors a worker could record, in the tables the rules read most (set directly: the
    forms would refuse most of them)."""
    from looked_after.models import CareEpisode, LACReview
    from people.models import Person

    looked_after = sorted(_children(ssda903.build(YEAR)))
    in_need = sorted(_children(cin_census.build(YEAR)) - set(looked_after))
    Person.objects.filter(pk__in=looked_after[:2] + in_need[:2]).update(ethnicity="XXXX")
    for n, pk in enumerate(looked_after[2:3] + in_need[2:4]):  # not the same UPN: that is another rule
        Person.objects.filter(pk=pk).update(upn=f"X{n}")
    episode = CareEpisode.objects.filter(person_id__in=looked_after[3:5]).order_by("pk").first()
    CareEpisode.objects.filter(pk=getattr(episode, "pk", None)).update(reason_new_episode="Z")
    review = LACReview.objects.filter(person_id__in=looked_after[5:]).order_by("pk").first()
    LACReview.objects.filter(pk=getattr(review, "pk", None)).update(participation="ZZ")


def _by_child(findings: list[Finding]) -> dict[int, set[Finding]]:
    out: dict[int, set[Finding]] = defaultdict(set)
    for f in findings:
        if f.source is not None and f.source.person_id is not None:
            out[f.source.person_id].add(f)
    return out


def _children(output) -> set[int]:
    return {s.person_id for t in output.tables.values() for s in t.sources if s.person_id is not None}


# Rules whose result for a child depends on the rest of the return, so that a child checked
# alone cannot match the whole run: 1001 returns nothing when this or last year's episodes are
# empty, as they are for a care leaver with no episodes in either year checked alone.
DEPENDS_ON_OTHER_CHILDREN = {"ssda903": {"1001"}, "cin_census": set()}
CHECKED = 5  # children per return: every child the whole run flags, up to this, then two others


def test_each_child_revalidated_alone_has_the_whole_runs_findings(cohort):
    for name, module in RETURNS.items():
        whole = module.build(YEAR)
        expected = _by_child(module.validate(whole, YEAR))
        assert sum(len(v) for v in expected.values()) >= 3, f"{name}: the cohort fails some rules"
        others = sorted(_children(whole) - set(expected))
        for pk in (sorted(expected)[:CHECKED] + others)[: CHECKED + 2]:
            one = module.build(YEAR, person_ids=[pk])
            fast = _by_child(module.validate(one, YEAR, children_only=True))
            every_rule = _by_child(module.validate(one, YEAR))
            assert set(fast) <= {pk}
            assert fast.get(pk, set()) == every_rule.get(pk, set()), f"{name}: child {pk}"
            alike = {f for f in expected.get(pk, set()) if f.rule_code not in DEPENDS_ON_OTHER_CHILDREN[name]}
            assert {
                f for f in fast.get(pk, set()) if f.rule_code not in DEPENDS_ON_OTHER_CHILDREN[name]
            } == alike


def test_the_rules_that_rewrite_shared_frames_are_known(cohort):
    """A re-validation skips rules, so a rule that changes a frame the later rules share (the
    package's copies are shallow) must be in SHARED_FRAME_WRITERS, which always run."""
    output = ssda903.build(YEAR)
    data, _ = ssda903_validation.datastore(output, YEAR, ssda903.build(YEAR - 1))
    writers = set()
    for code, rule in ssda903_validation.registry(YEAR).items():
        before = {k: v.copy(deep=True) for k, v in data.items() if k != "metadata"}
        with contextlib.suppress(Exception), contextlib.redirect_stdout(io.StringIO()):
            ssda903_validation.LOCAL_EQUIVALENTS.get(code, rule.func)(_Copies(data))
        if any(not before[k].equals(data[k]) for k in before):
            writers.add(code)
            data.update(before)  # the next rule sees what it would see without this one
    assert writers <= ssda903_validation.SHARED_FRAME_WRITERS
    assert "365" in writers  # the check sees a known writer


# --- Only the rules that read what changed (ADR 0023) ---------------------------------------


class _Tracked(_Copies):
    """The tables a rule looks up, as it runs."""

    def __init__(self, data, seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    # Listing the tables' names (`dfs.keys()`, `for name in dfs`) reads no table: every table
    # is always there. Their contents are read through a lookup, or all at once here.
    def values(self):
        self.seen.add("*every table*")
        return super().values()

    def items(self):
        self.seen.add("*every table*")
        return super().items()


def test_each_ssda903_rule_reads_only_the_tables_its_source_names(cohort):
    output = ssda903.build(YEAR)
    data, _ = ssda903_validation.datastore(output, YEAR, ssda903.build(YEAR - 1))
    checked = 0
    for code, rule in ssda903_validation.registry(YEAR).items():
        func = ssda903_validation.LOCAL_EQUIVALENTS.get(code, rule.func)
        said = ssda903_validation.read_tables(func)
        seen: set[str] = set()
        with contextlib.suppress(Exception), contextlib.redirect_stdout(io.StringIO()):
            func(_Tracked(data, seen))
        seen.discard("metadata")
        if said is None:
            continue
        assert seen <= said, f"rule {code} read {seen - said}"
        checked += 1
    assert checked > 250  # most rules' tables are read from their source


def test_each_cin_rule_reads_only_the_tables_its_source_names(cohort):
    from cin_validator.rule_engine import CINTable, RuleContext

    from returns.cin_census import validation as cin_validation

    frames = {CINTable[n]: f for n, f in cin_validation.data_frames(cin_census.build(YEAR)).items()}

    class Tracked(dict):
        def __getitem__(self, key):
            seen.add(key.name)
            return super().__getitem__(key)

    checked = 0
    for code, rule in cin_validation.rule_set(YEAR).items():
        said = cin_validation.read_tables(rule.func)
        seen: set[str] = set()
        with contextlib.suppress(Exception):
            rule.func(Tracked({t: f.copy() for t, f in frames.items()}), RuleContext(rule))
        assert said is not None, f"rule {code}: its tables could not be read from its source"
        assert seen - {"Header"} <= said, f"rule {code} read {seen - said}"
        checked += 1
    assert checked > 80


def _current(pk: int) -> set[tuple]:
    from returns.models import ValidationFinding

    return set(
        ValidationFinding.objects.current()
        .filter(person_id=pk)
        .values_list("return_name", "rule_code", "severity", "source_model", "source_pk", "message")
    )


def _from_scratch(pk: int) -> set[tuple]:
    """The child's findings with every rule run (nothing kept from before)."""
    from returns import services
    from returns.models import ValidatedInput

    ValidatedInput.objects.filter(person_id=pk).delete()
    counts = services.revalidate_children([pk], year=YEAR)
    assert counts["ssda903"]["rules"] == len(ssda903_validation.registry(YEAR))
    return _current(pk)


def test_after_an_edit_only_the_rules_reading_what_changed_run_and_they_find_the_same(cohort):
    from looked_after.models import CareEpisode, LACReview
    from people.models import Person
    from returns import services

    reviewed = ssda903.build(YEAR).tables["Reviews"].sources[0]  # a review in this year's return
    pk = reviewed.person_id
    services.revalidate_children([pk], year=YEAR)
    every = len(ssda903_validation.registry(YEAR))

    again = services.revalidate_children([pk], year=YEAR)  # nothing changed: no rule runs
    assert again["ssda903"]["rules"] == 0 and again["cin_census"]["rules"] == 0

    review = LACReview.objects.get(pk=reviewed.pk)
    edits = [
        ("a review", lambda: LACReview.objects.filter(pk=review.pk).update(participation="ZZ"), True),
        ("an episode", lambda: CareEpisode.objects.filter(person_id=pk).update(reason_new_episode="Z"), True),
        ("identity", lambda: Person.objects.filter(pk=pk).update(ethnicity="YYYY"), False),
        (
            "the review put right",
            lambda: LACReview.objects.filter(pk=review.pk).update(participation="PN1"),
            False,
        ),
    ]
    for label, edit, breaks_a_rule in edits:
        before = _current(pk)
        edit()
        counts = services.revalidate_children([pk], year=YEAR)
        after = _current(pk)
        assert 0 < counts["ssda903"]["rules"] < every, label
        if breaks_a_rule:
            assert after > before, f"{label}: the edit breaks a rule"
        assert after == _from_scratch(pk), label


def test_a_whole_run_keeps_every_childs_input_so_an_unchanged_child_runs_no_rule(cohort):
    from returns import services
    from returns.models import ValidatedInput

    services.validate_live_data(year=YEAR)
    looked_after = _children(ssda903.build(YEAR))
    kept = set(ValidatedInput.objects.filter(return_name="ssda903").values_list("person_id", flat=True))
    assert kept == looked_after
    pk = min(looked_after)
    counts = services.revalidate_children([pk], year=YEAR)
    assert counts["ssda903"]["rules"] == 0 and counts["cin_census"]["rules"] == 0
